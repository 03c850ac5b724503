using System.Text.Json;
using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>Whole-model gradients of every fixture model against PyTorch autograd (fixtures/train/gradient_reference.py).</summary>
public sealed class PyTorchReferenceTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Models => new() { "shapes-clean", "shapes-shortcut", "shapes-defective", "shapes-untrained", "shapes-placed-shortcut", "shapes-texture" };

    private static JsonElement Reference(string model) =>
        JsonDocument.Parse(File.ReadAllText(Repo.Path("fixtures", "models", model + ".gradients.json"))).RootElement;

    private static ModelAudit.Models.AuditModel Load(string model) =>
        ModelAudit.Models.AuditModel.Load(Repo.Path("fixtures", "models", model + ".onnx"), ShapesFixtures.Spec);

    [Theory]
    [MemberData(nameof(Models))]
    public void InputGradient_TwoSamplesTwoTargets_MatchesAutograd(string name)
    {
        var samples = Reference(name).GetProperty("samples").EnumerateArray().ToArray();
        using var model = Load(name);
        using var engine = GradientTargets.Engine(model, null, ReluRule.Gradient);
        var inputs = samples.SelectMany(s => model.Spec.ToTensor(Image(s))).ToArray();
        var targets = samples.Select(s => s.GetProperty("target").GetInt32()).ToArray();

        var result = engine.Run(inputs, GradientTargets.OneHot(targets, model.ClassCount), samples.Length);

        for (var i = 0; i < samples.Length; i++)
        {
            var expected = Floats(samples[i].GetProperty("gradient"));
            MaxAbsDifference(result.Gradient.AsSpan(i * expected.Length, expected.Length), expected).Should().BeLessThan(Tolerance, $"sample {i}");
            result.Target[(i * model.ClassCount) + targets[i]].Should().BeApproximately(samples[i].GetProperty("logit").GetSingle(), 1e-4f);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void InnerGradient_Conv3_MatchesAutograd(string name)
    {
        var reference = Reference(name);
        var sample = reference.GetProperty("samples")[0];
        using var model = Load(name);
        using var engine = GradientTargets.Engine(model, "conv3", ReluRule.Gradient);

        var result = engine.Run(model.Spec.ToTensor(Image(sample)), GradientTargets.OneHot([sample.GetProperty("target").GetInt32()], model.ClassCount), 1);

        engine.WrtShape.Should().Equal(32, 16, 16);
        MaxAbsDifference(result.Gradient, Floats(reference.GetProperty("conv3_gradient_sample0"))).Should().BeLessThan(Tolerance);
    }

    private static RgbImage Image(JsonElement sample)
    {
        var chw = sample.GetProperty("pixels").EnumerateArray().Select(p => (byte)p.GetInt32()).ToArray();
        var hwc = new byte[chw.Length];
        const int plane = 64 * 64;
        for (var c = 0; c < 3; c++)
        {
            for (var p = 0; p < plane; p++)
            {
                hwc[(p * 3) + c] = chw[(c * plane) + p];
            }
        }

        return RgbImage.FromPixels(64, 64, hwc);
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();

    private static double MaxAbsDifference(ReadOnlySpan<float> actual, float[] expected)
    {
        actual.Length.Should().Be(expected.Length);
        double worst = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        }

        return worst;
    }
}
