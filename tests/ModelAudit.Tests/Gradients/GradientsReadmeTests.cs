using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients;

/// <summary>The example of src/ModelAudit/Gradients/README.md, which is copied from here, so it compiles and runs.</summary>
public sealed class GradientsReadmeTests
{
    [Fact]
    public void ReadmeExample_CleanModel_PassesItsAssertions()
    {
        var model = ShapesFixtures.Clean;
        var samples = ShapeDataset.Generate(1000, 8);
        var (image, box) = (samples[0].Image, samples[0].Box.Inflate(2, new PixelBox(0, 0, 64, 64)));
        var images = samples.Take(2).Select(s => s.Image).ToArray();
        var dir = Directory.CreateTempSubdirectory("modelaudit-readme").FullName;

        // --- README ---
        var saliency = new Saliency(model).Compute(image);
        var guided = new Saliency(model).Compute(image, new SaliencyOptions { Method = SaliencyMethod.GuidedBackprop });
        var cam = new GradCam(model).Compute(image, new GradCamOptions { Layer = "conv3" });
        var guidedCam = new GradCam(model).Compute(image, new GradCamOptions { Guided = true });
        var ig = new IntegratedGradients(model).Compute(image, new IntegratedGradientsOptions { Steps = 64 });
        var smooth = new SmoothGrad(model).Compute(image, new SmoothGradOptions { Samples = 25, NoiseLevel = 0.15 });
        var lrp = new LayerwiseRelevance(model).Compute(image, new LrpOptions { Composite = LrpComposite.EpsilonPlus });

        saliency.Should().PutMassInside(box, atLeast: 0.5);
        ImageCodec.SavePng(cam.RenderOverlay(), Path.Combine(dir, "grad-cam.png"));
        var completenessError = ig.Diagnostics["completeness_error"];   // |Σ attributions − (f(image) − f(black))|

        var check = new RandomisationCheck(model).Compute(images, new RandomisationCheckOptions
        {
            Explainer = (m, img) => new Saliency(m).Compute(img),
        });
        check.Should().ChangeWhenWeightsAreRandomised(maxRankCorrelation: 0.6);
        // --- end ---

        lrp.Method.Should().Be("lrp-epsilon-plus");
        (guided.Method, cam.Method, guidedCam.Method, smooth.Method).Should().Be(("guided-backprop", "grad-cam(conv3)", "guided-grad-cam(relu3)", "smoothgrad"));
        completenessError.Should().BeLessThan(0.02 * Math.Abs(ig.Diagnostics["score_difference"]));
        File.Exists(Path.Combine(dir, "grad-cam.png")).Should().BeTrue();
        Directory.Delete(dir, recursive: true);
    }
}
