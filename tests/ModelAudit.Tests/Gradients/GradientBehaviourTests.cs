using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients;

/// <summary>
/// Where the fixture models' evidence lies: on the object for the clean model, on the checker mark for the
/// shortcut model. Boxes are inflated by a few pixels because gradients spill onto the outline.
/// </summary>
public sealed class GradientBehaviourTests
{
    private static readonly PixelBox Image = new(0, 0, 64, 64);
    private static readonly Lazy<IReadOnlyList<ShapeSample>> Plain = new(() => ShapeDataset.Generate(1000, 8));
    private static readonly Lazy<IReadOnlyList<ShapeSample>> Marked = new(() => ShapeDataset.Generate(1000, 8, new ShapeDatasetOptions { ShortcutMark = true }));

    [Fact]
    public void Saliency_CleanModel_PutsMassOnTheObject()
    {
        var saliency = new Saliency(ShapesFixtures.Clean);

        var maps = saliency.Compute(Plain.Value.Select(s => s.Image).ToArray());

        MeanMass(maps, i => Plain.Value[i].Box.Inflate(2, Image)).Should().BeGreaterThan(0.6);
        maps[0].Should().PutMassInside(Plain.Value[0].Box.Inflate(2, Image), atLeast: 0.5)
            .And.PutLittleMassInside(ShapeDataset.MarkBox.Inflate(3, Image), atMost: 0.05);
    }

    [Fact]
    public void GuidedBackpropAndGradCam_CleanModel_PutMassOnTheObject()
    {
        var saliency = new Saliency(ShapesFixtures.Clean);
        var gradCam = new GradCam(ShapesFixtures.Clean);
        var images = Plain.Value.Select(s => s.Image).ToArray();

        var guided = saliency.Compute(images, new SaliencyOptions { Method = SaliencyMethod.GuidedBackprop });
        var cams = gradCam.Compute(images);

        cams[0].Method.Should().Be("grad-cam(relu3)");
        MeanMass(guided, i => Plain.Value[i].Box.Inflate(2, Image)).Should().BeGreaterThan(0.7);
        MeanMass(cams, i => Plain.Value[i].Box.Inflate(2, Image)).Should().BeGreaterThan(0.45);
    }

    [Fact]
    public void SaliencyAndGradCam_ShortcutModel_PutMassOnTheMark()
    {
        var saliency = new Saliency(ShapesFixtures.Shortcut);
        var gradCam = new GradCam(ShapesFixtures.Shortcut);
        var images = Marked.Value.Select(s => s.Image).ToArray();
        var mark = ShapeDataset.MarkBox.Inflate(3, Image);

        var maps = saliency.Compute(images);
        var cams = gradCam.Compute(images);

        MeanMass(maps, _ => mark).Should().BeGreaterThan(0.6);
        MeanMass(maps, i => Marked.Value[i].Box.Inflate(2, Image)).Should().BeLessThan(0.25);
        MeanMass(cams, _ => mark).Should().BeGreaterThan(0.25);
        maps.Should().OnlyContain(m => PixelMapMetrics.PeakInside(m, mark));
    }

    [Fact]
    public void IntegratedGradients_CleanModel_IsNearlyComplete()
    {
        var ig = new IntegratedGradients(ShapesFixtures.Clean);

        var map = ig.Compute(Plain.Value[0].Image, new IntegratedGradientsOptions { Steps = 64 });

        map.Diagnostics["completeness_error"].Should().BeLessThan(0.02 * Math.Abs(map.Diagnostics["score_difference"]));
        map.Should().PutMassInside(Plain.Value[0].Box.Inflate(2, Image), atLeast: 0.5);
    }

    [Fact]
    public void SmoothGrad_NoNoiseOneSample_EqualsSaliency()
    {
        var smooth = new SmoothGrad(ShapesFixtures.Clean);
        var saliency = new Saliency(ShapesFixtures.Clean);
        var image = Plain.Value[1].Image;

        var smoothed = smooth.Compute(image, new SmoothGradOptions { Samples = 1, NoiseLevel = 0 });
        var plain = saliency.Compute(image);

        smoothed.Values.Should().Equal(plain.Values);
        smooth.Compute(image, new SmoothGradOptions { Samples = 4, Seed = 3 }).Values
            .Should().Equal(smooth.Compute(image, new SmoothGradOptions { Samples = 4, Seed = 3 }).Values);
    }

    [Fact]
    public void PutMassInside_WrongBox_ReportsMassAndPeak()
    {
        var saliency = new Saliency(ShapesFixtures.Shortcut);
        var map = saliency.Compute(Marked.Value[0].Image);

        var act = () => map.Should().PutMassInside(Marked.Value[0].Box, atLeast: 0.6);

        act.Should().Throw<Exception>().WithMessage("Expected attribution map for class * by saliency to put at least 60% of its positive mass inside box (*), but found *% (peak at *,*).");
    }

    private static double MeanMass(IReadOnlyList<AttributionMap> maps, Func<int, PixelBox> box) =>
        maps.Select((m, i) => PixelMapMetrics.MassInside(m, box(i))).Average();
}
