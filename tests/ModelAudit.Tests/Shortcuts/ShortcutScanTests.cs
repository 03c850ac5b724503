using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Shortcuts;
using ModelAudit.Targets;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Shortcuts;

/// <summary>
/// The box-free shortcut scan on the shape fixtures with the boxes withheld: the corner-mark model and the model whose
/// mark names the class by its place are flagged on every class, the clean model on none, by saliency and by occlusion.
/// </summary>
public sealed class ShortcutScanTests(ITestOutputHelper output)
{
    private static readonly Lazy<LabeledImage[]> CornerMarked = new(() => WithoutBoxes(new ShapeDatasetOptions { ShortcutMark = true }));

    private static readonly Lazy<LabeledImage[]> PlacedMarked = new(() => WithoutBoxes(new ShapeDatasetOptions { ShortcutMark = true, MarkPlacement = MarkPlacement.PerClass }));

    public static TheoryData<string> Methods => new("saliency", "occlusion");

    [Theory]
    [MemberData(nameof(Methods))]
    public void Compute_CornerMarkModel_FlagsEveryClassAtTheCorner(string method)
    {
        var result = Scan(ShapesFixtures.Shortcut, CornerMarked.Value, method);

        result.Shortcuts.Should().HaveCount(4);
        result.Should().ReadAShortcutIn(0).And.ReadAShortcutIn(3);
        var act = () => result.Should().ReadNoShortcut();
        act.Should().Throw<Exception>().WithMessage($"Expected model by its {result.Method} maps to read no shortcut in any class, but found class 0 reads a shortcut (the region is necessary: concentration*");
        result.Classes.Should().OnlyContain(c => c.Region.Bounds.X < 12 && c.Region.Bounds.Y < 12, "the mark sits at (2,2,6x6)");
        result.Classes.Should().OnlyContain(c => c.AccuracyDrop >= 0.5 && c.TransplantRate >= 0.9);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Compute_PlacedMarkModel_FlagsEveryClassAtItsOwnPlace(string method)
    {
        var result = Scan(ShapesFixtures.PlacedShortcut, PlacedMarked.Value, method);

        result.Shortcuts.Should().HaveCount(4);
        foreach (var c in result.Classes)
        {
            var mark = ShapeDataset.MarkBoxOf((ShapeKind)c.Label, MarkPlacement.PerClass);
            c.Region.Contains(mark.X + (mark.Width / 2), mark.Y + (mark.Height / 2)).Should().BeTrue("{0}'s region {1} covers its mark {2}", c.Name, c.Region.Bounds, mark);
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Compute_CleanModel_FlagsNoClassOnEitherMarkedSet(string method)
    {
        Scan(ShapesFixtures.Clean, CornerMarked.Value, method).Should().ReadNoShortcut();
        Scan(ShapesFixtures.Clean, PlacedMarked.Value, method).Should().ReadNoShortcut();
    }

    [Fact]
    public void Compute_SameInputs_SameNumbers()
    {
        var a = Scan(ShapesFixtures.Shortcut, CornerMarked.Value, "saliency");
        var b = Scan(ShapesFixtures.Shortcut, CornerMarked.Value, "saliency");

        b.ToString().Should().Be(a.ToString());
        b.Classes.SelectMany(c => c.MeanMap).Should().Equal(a.Classes.SelectMany(c => c.MeanMap));
    }

    [Fact]
    public void Compute_TooFewMapsInAClass_IsInconclusiveNotClear()
    {
        var images = CornerMarked.Value.Take(6).ToArray();

        var result = new ShortcutScan(ShapesFixtures.Shortcut).Compute(images, Maps(ShapesFixtures.Shortcut, images, "saliency"));

        result.Classes.Should().OnlyContain(c => c.Finding == ShortcutFinding.Inconclusive);
    }

    [Fact]
    public void Compute_MapsOfAnotherSize_AreRefusedWithTheSizes()
    {
        var images = CornerMarked.Value.Take(2).ToArray();
        var maps = images.Select(i => (IPixelMap)new AttributionMap("custom", i.Image, 0, "class 0", float.NaN, 32, 32, new float[32 * 32])).ToArray();

        var act = () => new ShortcutScan(ShapesFixtures.Clean).Compute(images, maps);

        act.Should().Throw<ArgumentException>().WithMessage("Maps must be at the model's input size 64x64; got 32x32.*");
    }

    private ShortcutScanResult Scan(AuditModel model, IReadOnlyList<LabeledImage> images, string method)
    {
        var result = new ShortcutScan(model).Compute(images, Maps(model, images, method));
        output.WriteLine($"{model.Name}, {method} maps, {images.Count} images:");
        output.WriteLine(result.ToString());
        return result;
    }

    private static IReadOnlyList<IPixelMap> Maps(AuditModel model, IReadOnlyList<LabeledImage> images, string method) =>
        ModelAudit.Auditing.MapMethods.Compute(model, images, method, Target.Label);

    private static LabeledImage[] WithoutBoxes(ShapeDatasetOptions options) =>
        ShapeDataset.Generate(1000, 40, options).Select(s => new LabeledImage(s.Id, s.Image, s.Label)).ToArray();
}
