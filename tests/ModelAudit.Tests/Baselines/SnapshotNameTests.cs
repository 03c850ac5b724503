using ModelAudit.Baselines;
using ModelAudit.Imaging;
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

        act.Should().Throw<ArgumentException>().WithMessage("*is 161 UTF-8 bytes long, over the limit of 160 bytes*");
    }

    [Fact]
    public void Parse_CjkName_CountsUtf8Bytes()
    {
        // 54 CJK characters are 162 bytes: a character count (54) would let them through and the file system reject them.
        var act = () => SnapshotName.Parse(new string('漢', 54));

        SnapshotName.Parse(new string('漢', 53)).Value.Should().HaveLength(53);
        act.Should().Throw<ArgumentException>().WithMessage("*is 162 UTF-8 bytes long, over the limit of 160 bytes*");
    }

    [Theory]
    [InlineData("猫の画像を回転させても同じクラスになるかどうかを確かめるための非常に長いテスト引数です")]
    [InlineData("🐱🐶🐭🐹🐰🦊🐻🐼🐨🐯🦁🐮🐷🐸🐵🐔🐧🐦🐤🦆🦅🦉🦇🐺🐗🐴🦄🐝🐛🦋🐌🐞🐜🦟🦗🕷🦂🐢🐍🦎🦖🦕🐙🦑🦐🦞🦀🐡🐠🐟🐬🐳🐋🦈🐊")]
    [InlineData("👩‍👩‍👧‍👦 family 👨🏽‍🚀 astronaut 🏳️‍🌈 flag, repeated: 👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦")]
    public void ForTest_LongCjkAndEmojiArguments_AreShortenedToValidFileNames(string argument)
    {
        using var temp = new TempBaselines();
        var name = SnapshotName.ForTest("InvarianceAudit", "Sweep_matches_the_approved_baseline", [new("caption", argument), new("angle", 90)], "map");

        System.Text.Encoding.UTF8.GetByteCount(name.Value).Should().BeLessThanOrEqualTo(SnapshotName.MaxLength);
        name.Value.Should().MatchRegex("-[0-9a-f]{8}_map$").And.NotContain("\uFFFD");
        name.Value.EnumerateRunes().Should().NotContain(r => r == System.Text.Rune.ReplacementChar, "no character is cut in half");
        name.Should().Be(SnapshotName.ForTest("InvarianceAudit", "Sweep_matches_the_approved_baseline", [new("caption", argument), new("angle", 90)], "map"));

        // The longest image name, and every file the store writes for it, fits the file system.
        var image = new string('i', Snapshot.MaxImageNameLength);
        var changed = Snapshot.Of(TempBaselines.Snap().Metrics, (image, TempBaselines.Gradient()));
        Baseline.Check(changed, name, temp.Settings with { Accept = true }).Outcome.Should().Be(BaselineOutcome.Accepted);
        var other = Snapshot.Of(TempBaselines.Snap().Metrics, (image, TempBaselines.WithSquare(TempBaselines.Gradient(), 2, 2, 20, Rgb.Gray(0))));
        Baseline.Check(other, name, temp.Settings).Outcome.Should().Be(BaselineOutcome.Mismatched);
        temp.Files().Should().HaveCount(5);
        Directory.GetFiles(temp.Root).Select(Path.GetFileName).Should().OnlyContain(f => System.Text.Encoding.UTF8.GetByteCount(f!) <= 255);
        temp.Store.Accept("*").Should().ContainSingle().Which.Name.Should().Be(name.Value);
    }

    [Fact]
    public void Parse_UnpairedSurrogate_IsRejected()
    {
        var act = () => SnapshotName.Parse("Audit.\uD83D");

        act.Should().Throw<ArgumentException>().WithMessage("*unpaired UTF-16 surrogate*");
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
