using ModelAudit.Auditing;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Auditing;

/// <summary>The top-level keys the reader takes besides the audits: <c>$schema</c>, <c>_notes</c>, and <c>classes</c> as a list or a file.</summary>
public sealed class AuditConfigReaderTests
{
    private static string Config(string folder, string replace, string with) =>
        CliRunner.WriteConfig(folder, edit: json => json.Replace(replace, with, StringComparison.Ordinal));

    [Fact]
    public void Load_SchemaAndNotes_AreReadAndIgnoredByTheRun()
    {
        var path = Config(CliRunner.TempFolder(), "\"model\":", """
            "$schema": "../docs/audit.schema.json",
              "_notes": ["input: guessed ImageNet's mean and std"],
              "model":
            """);

        var config = AuditConfigReader.Load(path);

        config.Schema.Should().Be("../docs/audit.schema.json");
        config.Notes.Should().Equal("input: guessed ImageNet's mean and std");
    }

    [Fact]
    public void Load_ClassesFile_ReadsOneNamePerLineRelativeToTheConfig()
    {
        var folder = CliRunner.TempFolder();
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "data", "classes.txt"), "circle\r\nsquare\ntriangle\ncross\n\n");
        var path = Config(folder, """["circle", "square", "triangle", "cross"]""", "\"data/classes.txt\"");

        AuditConfigReader.Load(path).Classes.Should().Equal("circle", "square", "triangle", "cross");
    }

    [Fact]
    public void Load_MissingClassesFile_NamesTheKeyLineAndWhereItLooked()
    {
        var folder = CliRunner.TempFolder();
        var path = Config(folder, """["circle", "square", "triangle", "cross"]""", "\"names.txt\"");

        var act = () => AuditConfigReader.Load(path);

        act.Should().Throw<AuditConfigException>()
            .WithMessage($"'{path}' line 5: classes 'names.txt' does not exist (looked for '{Path.Combine(folder, "names.txt")}'); give a text file*")
            .Which.Key.Should().Be("classes");
    }

    [Fact]
    public void Load_ClassesFileWithABlankLine_NamesTheLine()
    {
        var folder = CliRunner.TempFolder();
        File.WriteAllText(Path.Combine(folder, "classes.txt"), "circle\n\ntriangle\ncross\n");
        var path = Config(folder, """["circle", "square", "triangle", "cross"]""", "\"classes.txt\"");

        var act = () => AuditConfigReader.Load(path);

        act.Should().Throw<AuditConfigException>().WithMessage("*classes 'classes.txt' line 2 is blank; every line names the class of that output index*");
    }

    [Theory]
    [InlineData("[]", "*classes is empty; give one name per output class*")]
    [InlineData("""["circle", " ", "triangle", "cross"]""", "*classes holds an empty name*")]
    [InlineData("3", "*line 5*'classes' must be a list of class names or the name of a text file*")]
    public void Load_BadClassesList_NamesTheKey(string classes, string message)
    {
        var path = Config(CliRunner.TempFolder(), """["circle", "square", "triangle", "cross"]""", classes);

        var act = () => AuditConfigReader.Load(path);

        act.Should().Throw<AuditConfigException>().WithMessage(message);
    }

    [Theory]
    [InlineData("\"mark_placement\": \"left\"", "*images.generate.mark_placement is 'left'; use \"corner\" or \"per_class\".")]
    [InlineData("\"object_fill\": \"stripes\"", "*images.generate.object_fill is 'stripes'; use \"solid\" or \"per_class_texture\".")]
    public void Load_UnknownGeneratedSetChoice_NamesTheKeyAndTheChoices(string setting, string message)
    {
        var path = CliRunner.WriteConfig(CliRunner.TempFolder(), edit: json => json.Replace("\"shortcut_mark\": false", "\"shortcut_mark\": false, " + setting, StringComparison.Ordinal));

        var act = () => AuditConfigReader.Load(path);

        act.Should().Throw<AuditConfigException>().WithMessage(message);
    }
}
