using ModelAudit.Cli;
using ModelAudit.Datasets;

namespace ModelAudit.Tests.Cli;

public sealed class ShapesCommandTests
{
    [Fact]
    public void Shapes_WritesALabelledFolderTheImageSetReaderReads()
    {
        var folder = CliRunner.TempFolder();
        var model = Path.Combine(folder, "models", "shapes.onnx");

        var (exit, output, _) = CliRunner.Run("shapes", "--out", Path.Combine(folder, "images"), "--count", "8", "--model", model);

        exit.Should().Be(ExitCodes.Success);
        output.Should().Contain("wrote 8 shapes images");
        var images = ImageSetReader.Read(Path.Combine(folder, "images"));
        images.Select(i => i.Label).Should().Equal(0, 1, 2, 3, 0, 1, 2, 3);
        images.Should().OnlyContain(i => i.Box != null && i.Mask != null && i.Image.Width == 64);
        File.ReadAllBytes(model).Should().Equal(File.ReadAllBytes(TestSupport.Repo.Path("fixtures", "models", "shapes-clean.onnx")));
    }

    [Fact]
    public void Shapes_CountBelowOne_FailsNamingTheOption()
    {
        var (exit, _, error) = CliRunner.Run("shapes", "--out", CliRunner.TempFolder(), "--count", "0");

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("--count must be at least 1");
    }
}
