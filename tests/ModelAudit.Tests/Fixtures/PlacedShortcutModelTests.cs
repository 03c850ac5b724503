using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Fixtures;

/// <summary>
/// shapes-placed-shortcut answers from where its mark sits, as fixtures/README.md says: right with the mark at the
/// class's place, at chance without it, and with the mark at another class's place it names that class.
/// </summary>
public sealed class PlacedShortcutModelTests
{
    private const int HeldOutSeed = 1000;
    private const int Count = 200;

    private static readonly Lazy<IReadOnlyList<ShapeSample>> Marked = new(() => ShapeDataset.Generate(
        HeldOutSeed, Count, new ShapeDatasetOptions { ShortcutMark = true, MarkPlacement = MarkPlacement.PerClass }));

    // The same images with every place kept free and no mark drawn.
    private static readonly Lazy<IReadOnlyList<ShapeSample>> Reserved = new(() => ShapeDataset.Generate(
        HeldOutSeed, Count, new ShapeDatasetOptions { ReserveMarkCorner = true, MarkPlacement = MarkPlacement.PerClass }));

    [Fact]
    public void Predict_MarkAtTheClassPlace_NamesTheClass()
    {
        var samples = Marked.Value;

        var correct = Top1(samples.Select(s => s.Image)).Where((k, i) => k == samples[i].Label).Count();

        correct.Should().BeGreaterThanOrEqualTo(Count * 95 / 100, $"with the mark at its class's place, {correct} of {Count} held-out images (seed {HeldOutSeed}) were named right");
    }

    [Fact]
    public void Predict_WithoutTheMark_IsNoBetterThanChance()
    {
        var samples = Reserved.Value;

        var correct = Top1(samples.Select(s => s.Image)).Where((k, i) => k == samples[i].Label).Count();

        correct.Should().BeLessThanOrEqualTo(Count / 2, $"the model never learnt the shapes, yet named {correct} of {Count} unmarked images right");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Predict_MarkAtAnotherClassPlace_FollowsTheMark(int shift)
    {
        var samples = Reserved.Value;
        var placedFor = samples.Select(s => (ShapeKind)((s.Label + shift) % 4)).ToArray();

        var predicted = Top1(samples.Select((s, i) => WithMarkOf(s.Image, placedFor[i])));

        var followed = predicted.Where((k, i) => k == (int)placedFor[i]).Count();
        var shape = predicted.Where((k, i) => k == samples[i].Label).Count();
        followed.Should().BeGreaterThanOrEqualTo(Count * 95 / 100,
            $"with each mark moved {shift} class(es) on, the prediction followed the mark on {followed} of {Count} images and named the shape on {shape}");
    }

    private static int[] Top1(IEnumerable<RgbImage> images) => [.. ShapesFixtures.PlacedShortcut.Predict([.. images]).Select(p => p.Top1)];

    /// <summary>The image with the checker that <see cref="MarkPlacement.PerClass"/> draws for <paramref name="kind"/>, at that class's place.</summary>
    private static RgbImage WithMarkOf(RgbImage image, ShapeKind kind)
    {
        var rgb = image.Pixels.ToArray();
        ShortcutMark.Paint(rgb, image.Width, kind, MarkPlacement.PerClass);
        return RgbImage.Wrap(image.Width, image.Height, rgb);
    }
}
