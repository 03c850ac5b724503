using System.Security.Cryptography;
using ModelAudit.Gradients.Backward;
using ModelAudit.Models;
using ModelAudit.Occlusion.Incremental;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>
/// The input gradient of one untrained model per standard torchvision family against PyTorch autograd
/// (<c>fixtures/families/make_families.py</c>): classifiers from one logit, segmenters from the mean of one output
/// channel over a box. Small variants are committed and always run; the full-size exports live in the model cache,
/// and their tests are skipped, saying how to make them, when the cache lacks them or holds another export. The script
/// keeps only inputs whose gradient float32 rounding cannot flip (fixtures/README.md), so the tolerance, 1e-4 of the
/// gradient's largest value, covers rounding alone.
/// </summary>
public sealed class FamilyGradientTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Committed => new() { "mobilenet_v3_small-half", "lraspp_mobilenet_v3_large-half", "deeplab-toy" };

    public static TheoryData<string> Cached => new()
    {
        "resnet18", "vgg11_bn", "mobilenet_v2", "mobilenet_v3_small", "densenet121", "efficientnet_b0", "inception_v3", "googlenet",
        "fcn_resnet18", "deeplabv3_mobilenet_v3_large", "lraspp_mobilenet_v3_large",
    };

    [Theory]
    [MemberData(nameof(Committed))]
    public void InputGradient_CommittedVariant_MatchesAutograd(string name)
    {
        var reference = FamilyReference.Load(name);
        var path = Repo.Path("fixtures", "families", name + ".onnx");
        Sha256(path).Should().Be(reference.OnnxSha256, "make_families.py writes the committed model and its reference together");

        Check(path, reference);
    }

    [Theory]
    [MemberData(nameof(Cached))]
    public void InputGradient_CachedFamily_MatchesAutograd(string name)
    {
        var reference = FamilyReference.Load(name);
        var path = Path.Combine(KnownModels.CacheFolder, "families", name + ".onnx");
        var make = $"/usr/bin/python3 fixtures/families/make_families.py --only {name}";
        if (!File.Exists(path))
        {
            Assert.Skip($"{path} is not in the model cache: `{make}` exports it without downloading weights ({reference.Versions}).");
        }

        if (Sha256(path) is var sha && sha != reference.OnnxSha256)
        {
            Assert.Skip(
                $"{path} has sha256 {sha}, not the {reference.OnnxSha256} that fixtures/families/{name}.gradients.json was computed on " +
                $"({reference.Versions}): `{make}` rewrites both; commit the reference if it changed.");
        }

        Check(path, reference);
    }

    /// <summary>
    /// The same gradients with the network cut into segments (gradient checkpointing, as first-order occlusion
    /// differentiates large models): every boundary a segment of its own, so that each segment's gradient is seeded by
    /// the next one's and a decoder's early feature map crosses several boundaries.
    /// </summary>
    [Theory]
    [MemberData(nameof(Committed))]
    public void InputGradient_InSegments_MatchesAutograd(string name)
    {
        var reference = FamilyReference.Load(name);
        var graph = ModelGraph.Load(Repo.Path("fixtures", "families", name + ".onnx"));
        var (input, target) = (graph.Inputs[0].Name, graph.Outputs[0].Name);
        var spec = reference.Spec;
        using var segmented = new CheckpointedSuffix(new GraphLocality(graph, input, target), input, [spec.ChannelCount, spec.Height, spec.Width], target, new EngineOptions(), name, budgetBytes: 1);
        using var whole = new CheckpointedSuffix(new GraphLocality(graph, input, target), input, [spec.ChannelCount, spec.Height, spec.Width], target, new EngineOptions(), name, budgetBytes: long.MaxValue);

        foreach (var (sample, i) in reference.Samples.Select((s, i) => (s, i)))
        {
            var image = spec.ToTensor(sample.Image);
            var value = Dot(reference.Seed(sample), segmented.Forward(image));
            var gradient = segmented.Gradient(image, reference.Seed(sample));
            var error = RelativeError(gradient, sample, reference);
            output.WriteLine($"{name} sample {i}: {segmented.Segments} segments, gradient relative error {error:G3}; target {value:G7}, PyTorch {sample.Value:G7}");

            error.Should().BeLessThanOrEqualTo(Tolerance, "the gradient through {0} segments should match autograd's", segmented.Segments);
            whole.Gradient(image, reference.Seed(sample)).Should().Equal(whole.Gradient(image, reference.Seed(sample)), "the same input gives the same numbers");
        }

        segmented.Segments.Should().BeGreaterThan(3, "every boundary starts a segment of its own with a budget of one byte");
        whole.Segments.Should().Be(1, "a budget the whole network fits makes one segment");
    }

    private void Check(string path, FamilyReference reference)
    {
        var graph = ModelGraph.Load(path);
        var target = graph.Outputs[0].Name;
        using var engine = GradientTargets.Engine(graph, graph.Inputs[0], reference.Spec, new EngineOptions(), target, null, ReluRule.Gradient);
        engine.TargetShape.Should().Equal(reference.OutputShape);
        var samples = reference.Samples;
        var seeds = samples.Select(reference.Seed).ToArray();

        var result = engine.Run(samples.SelectMany(s => reference.Spec.ToTensor(s.Image)).ToArray(), seeds.SelectMany(s => s).ToArray(), samples.Count);

        var checks = samples.Select((sample, i) =>
        {
            var what = $"{reference.Name} sample {i} ({(reference.IsSegmenter ? $"mean of channel {sample.Pick} over {reference.Box}" : $"logit {sample.Pick}")})";
            var value = Dot(seeds[i], result.Target.AsSpan(i * engine.TargetLength, engine.TargetLength));
            var gradientError = RelativeError(result.Gradient.AsSpan(i * engine.WrtLength, engine.WrtLength), sample, reference);
            output.WriteLine($"{what}: gradient relative error {gradientError:G3}; target {value:G7}, PyTorch {sample.Value:G7}");
            return (what, value, gradientError, valueError: Math.Abs(value - sample.Value) / sample.OutputMaxAbs);
        }).ToArray();

        foreach (var (what, value, gradientError, valueError) in checks)
        {
            gradientError.Should().BeLessThanOrEqualTo(Tolerance, "{0}'s input gradient should match autograd's (max|g − g_ref| / max|g_ref|)", what);
            valueError.Should().BeLessThanOrEqualTo(Tolerance, "{0}'s target should match PyTorch's to within that fraction of max|output| (found {1:G7})", what, value);
        }
    }

    /// <summary>
    /// max|g − g_ref| / max|g_ref| over the stored rows and columns; when only every n-th is stored, the difference of
    /// max|g| over the whole input from the reference's counts too.
    /// </summary>
    private static double RelativeError(ReadOnlySpan<float> gradient, FamilySample sample, FamilyReference reference)
    {
        var (height, width, stride) = (reference.Spec.Height, reference.Spec.Width, reference.GradientStride);
        double worst = 0;
        var k = 0;
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < height; y += stride)
            {
                for (var x = 0; x < width; x += stride)
                {
                    worst = Math.Max(worst, Math.Abs(gradient[(((c * height) + y) * width) + x] - sample.Gradient[k++]));
                }
            }
        }

        k.Should().Be(sample.Gradient.Length);
        double largest = 0;
        foreach (var g in gradient)
        {
            largest = Math.Max(largest, Math.Abs(g));
        }

        return Math.Max(worst, Math.Abs(largest - sample.GradientMaxAbs)) / sample.GradientMaxAbs;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
