using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using ModelAudit.Datasets;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Fixtures;

/// <summary>
/// Checks the committed fixture models against what fixtures/README.md promises, on a fresh
/// held-out split drawn by the C# generator, through ONNX Runtime alone.
/// </summary>
public sealed class FixtureModelTests
{
    private const int HeldOutSeed = 1000;
    private const int HeldOutCount = 200;
    private const int Size = 64;

    private static readonly Lazy<IReadOnlyList<ShapeSample>> Plain = new(() => ShapeDataset.Generate(HeldOutSeed, HeldOutCount));
    private static readonly Lazy<IReadOnlyList<ShapeSample>> Marked = new(() =>
        ShapeDataset.Generate(HeldOutSeed, HeldOutCount, new ShapeDatasetOptions { ShortcutMark = true }));
    private static readonly Lazy<IReadOnlyList<ShapeSample>> Unmarked = new(() =>
        ShapeDataset.Generate(HeldOutSeed, HeldOutCount, new ShapeDatasetOptions { ReserveMarkCorner = true }));

    public static TheoryData<string> Models => new() { "shapes-clean", "shapes-shortcut", "shapes-defective", "shapes-untrained", "shapes-placed-shortcut", "shapes-texture" };

    [Theory]
    [InlineData("shapes-clean", "plain", 0.95, 1.0)]
    [InlineData("shapes-shortcut", "marked", 0.95, 1.0)]
    [InlineData("shapes-shortcut", "unmarked", 0.0, 0.5)]
    [InlineData("shapes-defective", "plain", 0.90, 1.0)]
    [InlineData("shapes-untrained", "plain", 0.0, 0.5)]
    public void Accuracy_HeldOutSplit_IsAsDocumented(string model, string split, double min, double max)
    {
        var samples = split switch { "marked" => Marked.Value, "unmarked" => Unmarked.Value, _ => Plain.Value };
        using var session = Open(model);

        var logits = Run(session, samples);
        var correct = samples.Select((s, i) => ArgMax(logits, i) == s.Label ? 1 : 0).Sum();
        var accuracy = (double)correct / samples.Count;

        accuracy.Should().BeInRange(min, max, $"{model} on {samples.Count} {split} held-out images (seed {HeldOutSeed}) got {correct} right");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Logits_FirstHeldOutImages_MatchPyTorchReference(string model)
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Repo.Path("fixtures", "models", model + ".reference.json")));
        var root = reference.RootElement;
        var dataset = root.GetProperty("dataset");
        var count = dataset.GetProperty("count").GetInt32();
        var options = new ShapeDatasetOptions
        {
            ShortcutMark = dataset.GetProperty("mark").GetBoolean(),
            MarkPlacement = dataset.TryGetProperty("placement", out var placement) && placement.GetString() == "per_class" ? MarkPlacement.PerClass : MarkPlacement.Corner,
            ObjectFill = dataset.TryGetProperty("fill", out var fill) && fill.GetString() == "per_class_texture" ? ObjectFill.PerClassTexture : ObjectFill.Solid,
        };
        var samples = ShapeDataset.Generate(dataset.GetProperty("seed").GetInt32(), count, options);
        samples.Select(s => s.Id).Should().Equal(root.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
        using var session = Open(model);

        var logits = Run(session, samples);

        var expected = root.GetProperty("logits").EnumerateArray().SelectMany(row => row.EnumerateArray().Select(v => v.GetSingle())).ToArray();
        logits.Should().HaveCount(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            logits[i].Should().BeApproximately(expected[i], 1e-4f, $"logit {i % 4} of {samples[i / 4].Id} from ONNX Runtime must equal PyTorch's");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Model_Signature_IsImageToLogits(string model)
    {
        using var session = Open(model);

        session.InputMetadata.Keys.Should().Equal("image");
        session.InputMetadata["image"].Dimensions.Should().Equal(-1, 3, Size, Size);
        session.OutputMetadata.Keys.Should().Equal("logits");
        session.OutputMetadata["logits"].Dimensions.Should().Equal(-1, 4);
        new FileInfo(Repo.Path("fixtures", "models", model + ".onnx")).Length.Should().BeLessThan(5 * 1024 * 1024);
    }

    [Fact]
    public void Defective_PlantedFile_NamesTheFaults()
    {
        var planted = File.ReadAllText(Repo.Path("fixtures", "models", "shapes-defective.planted.json"));

        planted.Trim().Should().Be("""{"dead": [3, 9], "layer": "conv1", "noisy": [5, 12]}""");
    }

    private static InferenceSession Open(string model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        return new InferenceSession(Repo.Path("fixtures", "models", model + ".onnx"), options);
    }

    /// <summary>Runs the samples as one batch, preprocessed as in training: RGB, NCHW, (pixel/255 − 0.5)/0.5.</summary>
    private static float[] Run(InferenceSession session, IReadOnlyList<ShapeSample> samples)
    {
        const int plane = Size * Size;
        var input = new float[samples.Count * 3 * plane];
        for (var n = 0; n < samples.Count; n++)
        {
            var rgb = samples[n].Image.Pixels;
            for (var p = 0; p < plane; p++)
            {
                for (var c = 0; c < 3; c++)
                {
                    input[(((n * 3) + c) * plane) + p] = ((rgb[(3 * p) + c] / 255f) - 0.5f) / 0.5f;
                }
            }
        }

        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [samples.Count, 3, Size, Size]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["image"], [tensor], ["logits"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static int ArgMax(float[] logits, int row)
    {
        var best = 0;
        for (var k = 1; k < 4; k++)
        {
            if (logits[(row * 4) + k] > logits[(row * 4) + best])
            {
                best = k;
            }
        }

        return best;
    }
}
