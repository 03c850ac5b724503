using ModelAudit.Baselines;

namespace ModelAudit.Tests.Baselines;

public sealed class BaselineRootTests
{
    [Fact]
    public void Find_FromTestAssembly_IsTheRepositoryBaselinesFolder()
    {
        BaselineRoot.Find(AppContext.BaseDirectory).Should().Be(TestSupport.Repo.Path("baselines"));
    }

    [Fact]
    public void Find_GitFileOfAWorktree_CountsAsTheRepository()
    {
        using var temp = new TempBaselines();
        File.WriteAllText(temp.File(".git"), "gitdir: elsewhere\n");
        var nested = Directory.CreateDirectory(Path.Combine(temp.Root, "tests", "bin", "Debug")).FullName;

        BaselineRoot.Find(nested).Should().Be(temp.File("baselines"));
    }

    [Fact]
    public void Resolve_EnvironmentRoot_WinsOverTheRepository()
    {
        var settings = new BaselineSettings { EnvironmentVariables = n => n == "MODELAUDIT_BASELINES" ? "/tmp/elsewhere" : null };

        ResolvedBaselineSettings.Resolve(settings).Root.Should().Be("/tmp/elsewhere");
        BaselineStore.Open(settings).Root.Should().Be("/tmp/elsewhere");
    }
}
