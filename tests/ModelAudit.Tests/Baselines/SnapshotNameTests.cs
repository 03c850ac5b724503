using ModelAudit.Baselines;
using ModelAudit.Snapshots;

namespace ModelAudit.Tests.Baselines;

public sealed class SnapshotNameTests
{
    [Theory]
    [InlineData("../escape", "contains a path separator*")]
    [InlineData("a/b", "contains a path separator*")]
    [InlineData(@"a\b", "contains a path separator*")]
    [InlineData("a..b", "contains '..'*")]
    [InlineData("", "is empty*")]
    [InlineData("   ", "is empty*")]
    [InlineData("a#b", "contains '#', which separates image names*")]
    [InlineData("a:b", "contains U+003A (':')*")]
    [InlineData("a\0b", "contains U+0000*")]
    [InlineData(".hidden", "starts or ends with '.'*")]
    public void Parse_BadName_SaysWhatIsWrongAndHowToFixIt(string name, string problem)
    {
        var act = () => SnapshotName.Parse(name);

        act.Should().Throw<ArgumentException>().WithMessage($"The baseline name '*' {problem}");
    }

    [Fact]
    public void Parse_TooLong_SaysTheLimit()
    {
        var act = () => SnapshotName.Parse(new string('a', 161));

        act.Should().Throw<ArgumentException>().WithMessage("*is 161 characters long, over the limit of 160*");
    }

    [Fact]
    public void Match_TraversalInSuffixOrImageName_IsRejectedBeforeWriting()
    {
        using var temp = new TempBaselines();
        var snapshot = Snapshot.Of(new Dictionary<string, double>(), ("../../evil", TempBaselines.Gradient()));

        var suffix = () => Baseline.For(TempBaselines.Snap()).WithSettings(temp.Settings).Named("../x").Check(SnapshotName.Parse("A.B"));
        var image = () => Baseline.Check(snapshot, SnapshotName.Parse("A.B"), temp.Settings);

        suffix.Should().Throw<ArgumentException>().WithMessage("The baseline name suffix '../x' contains a path separator*");
        image.Should().Throw<ArgumentException>().WithMessage("The image name '../../evil' contains a path separator*");
        temp.Files().Should().BeEmpty();
    }

    [Fact]
    public void ForTest_TheoryArguments_AreFormattedInvariantlyAndSanitised()
    {
        var name = SnapshotName.ForTest(
            "Audit",
            "Sweep",
            [new("angle", 1.5), new("path", "../a b/c?"), new("none", null), new("sizes", new[] { 1, 2 })],
            "clean");

        name.Value.Should().Be("Audit.Sweep_angle=1.5_path=-a-b-c-_none=null_sizes=1,2_clean");
    }

    [Fact]
    public void ForTest_LongArguments_AreCutWithAStableHash()
    {
        var a = SnapshotName.ForTest("Audit", "Sweep", [new("text", new string('x', 300))]);
        var b = SnapshotName.ForTest("Audit", "Sweep", [new("text", new string('x', 299) + "y")]);

        a.Value.Should().HaveLength(SnapshotName.MaxLength).And.MatchRegex("-[0-9a-f]{8}$");
        a.Should().Be(SnapshotName.ForTest("Audit", "Sweep", [new("text", new string('x', 300))]));
        a.Should().NotBe(b);
    }
}
