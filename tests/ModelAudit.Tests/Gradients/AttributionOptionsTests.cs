using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients;

/// <summary>The shared shape of the attribution methods: options checked on use, guided Grad-CAM, engines kept with the model.</summary>
public sealed class AttributionOptionsTests
{
    private static readonly Lazy<ModelAudit.Imaging.RgbImage> Sample = new(() => ShapeDataset.Generate(1000, 1)[0].Image);

    [Fact]
    public void Compute_GuidedGradCam_IsGuidedBackpropTimesTheCam()
    {
        var gradCam = new GradCam(ShapesFixtures.Clean);

        var cam = gradCam.Compute(Sample.Value);
        var guided = gradCam.Compute(Sample.Value, new GradCamOptions { Guided = true });
        var backprop = new Saliency(ShapesFixtures.Clean).Compute(Sample.Value, new SaliencyOptions { Method = SaliencyMethod.GuidedBackprop, Target = cam.TargetClass });

        guided.Method.Should().Be("guided-" + cam.Method);
        (guided.TargetClass, guided.Score).Should().Be((cam.TargetClass, cam.Score));
        guided.Values.Should().Equal(backprop.Values.Select((v, p) => v * cam.Values[p]));
    }

    [Fact]
    public void Compute_BadOptions_NamesTheProperty()
    {
        var image = Sample.Value;
        var method = () => new Saliency(ShapesFixtures.Clean).Compute(image, new SaliencyOptions { Method = (SaliencyMethod)7 });
        var smooth = () => new SmoothGrad(ShapesFixtures.Clean).Compute(image, new SmoothGradOptions { Method = (SaliencyMethod)7 });
        var layer = () => new GradCam(ShapesFixtures.Clean).Compute(image, new GradCamOptions { Layer = " " });
        var explainer = () => new RandomisationCheck(ShapesFixtures.Clean).Compute([image], new RandomisationCheckOptions { Explainer = null! });

        method.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Method must be Plain, Deconvnet or GuidedBackprop, but was 7*").Which.ParamName.Should().Be("Method");
        smooth.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Method");
        layer.Should().Throw<ArgumentException>().WithMessage("Layer must name a tensor or a Conv node*").Which.ParamName.Should().Be("Layer");
        explainer.Should().Throw<ArgumentException>().WithMessage("Explainer must be set*").Which.ParamName.Should().Be("Explainer");
    }

    [Fact]
    public void Compute_AfterTheModelIsDisposed_ThrowsObjectDisposed()
    {
        var model = AuditModel.Load(Repo.Path("fixtures", "models", "shapes-clean.onnx"), ShapesFixtures.Spec);
        var saliency = new Saliency(model);
        saliency.Compute(Sample.Value);

        model.Dispose();

        var act = () => saliency.Compute(Sample.Value);
        act.Should().Throw<ObjectDisposedException>();
    }
}
