using ModelAudit.Baselines;
using ModelAudit.Snapshots;

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
    public void Find_ProjectMarkerInsideARepository_KeepsTheBaselinesBesideTheProject()
    {
        using var temp = new TempBaselines();
        Directory.CreateDirectory(temp.File(".git"));
        var project = Directory.CreateDirectory(Path.Combine(temp.Root, "tests", "ModelAudits")).FullName;
        File.WriteAllText(Path.Combine(project, "modelaudit.json"), "{}\n");
        var bin = Directory.CreateDirectory(Path.Combine(project, "bin", "Debug", "net10.0")).FullName;

        BaselineRoot.TryFind(bin).Should().Be(new BaselineRootLocation(Path.Combine(project, "baselines"), project));
    }

    [Fact]
    public void Find_NestedDirectoryBuildProps_DoesNotSplitARepository()
    {
        using var temp = new TempBaselines();
        File.WriteAllText(temp.File("Audits.sln"), string.Empty);
        var audits = Directory.CreateDirectory(Path.Combine(temp.Root, "audits")).FullName;
        File.WriteAllText(Path.Combine(audits, "Directory.Build.props"), "<Project />");

        BaselineRoot.Find(Path.Combine(audits, "ShapesAudit")).Should().Be(temp.File("baselines"));
    }

    [Fact]
    public void Find_DirectoryBuildPropsOutsideAnyRepository_MarksTheProject()
    {
        using var temp = new TempBaselines();
        File.WriteAllText(temp.File("Directory.Build.props"), "<Project />");

        BaselineRoot.Find(Path.Combine(temp.Root, "bin")).Should().Be(temp.File("baselines"));
    }

    [Fact]
    public void Find_MarkerNamingAFolder_UsesItRelativeToTheMarker()
    {
        using var temp = new TempBaselines();
        File.WriteAllText(temp.File("modelaudit.json"), "{ \"baselines\": \"approved/pictures\" }");

        BaselineRoot.Find(temp.Root).Should().Be(Path.Combine(temp.Root, "approved", "pictures"));
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{ \"baseline\": \"x\" }", "key 'baseline' is not known")]
    [InlineData("{ \"baselines\": 3 }", "must be a non-empty folder path")]
    [InlineData("{ \"baselines\": ", "is not valid JSON")]
    public void Find_BadMarker_NamesTheFileAndTheFix(string json, string why)
    {
        using var temp = new TempBaselines();
        File.WriteAllText(temp.File("modelaudit.json"), json);

        var act = () => BaselineRoot.Find(temp.Root);

        act.Should().Throw<ModelAuditException>().WithMessage($"*{temp.File("modelaudit.json")}*{why}*");
    }

    [Fact]
    public void Find_NoMarkerAbove_SaysWhichMarkersAndSettingsWork()
    {
        var act = () => BaselineRoot.Find("/");

        act.Should().Throw<ModelAuditException>()
            .WithMessage("*no folder above '/' holds a modelaudit.json, a .git folder, a *.sln/*.slnx or a Directory.Build.props*MODELAUDIT_BASELINES*--root*");
    }

    [Fact]
    public void Resolve_EnvironmentRoot_WinsOverTheRepository()
    {
        var settings = new BaselineSettings { EnvironmentVariables = n => n == "MODELAUDIT_BASELINES" ? "/tmp/elsewhere" : null };

        ResolvedBaselineSettings.Resolve(settings).Root.Should().Be("/tmp/elsewhere");
        ResolvedBaselineSettings.Resolve(settings).FoundFrom.Should().BeNull();
        BaselineStore.Open(settings).Root.Should().Be("/tmp/elsewhere");
    }

    [Fact]
    public void Message_RootFoundByWalking_SaysToAcceptFromTheProjectFolderWithoutARoot()
    {
        var result = new BaselineResult(SnapshotName.Parse("Audit.Map"), BaselineOutcome.Missing, [], [], "/p/baselines/Audit.Map.verified.json", "/p/baselines/Audit.Map.received.json")
        {
            RootFoundFrom = "/p",
        };

        result.Message.Should().Contain("accept from the test project's folder (or /p) with `modelaudit baselines accept 'Audit.Map'`");
    }
}
