using ModelAudit.Filters;
using ModelAudit.Models;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

/// <summary>
/// Quantized exports: QDQ (DequantizeLinear on int8 weights, per channel), QLinearConv and ConvInteger are listed as
/// conv layers, and their weights read dequantized, within quantization error of the float model's.
/// </summary>
public sealed class QuantizedModelTests
{
    public static TheoryData<string> Quantized => new() { "qdq", "qlinear", "convinteger" };

    [Theory]
    [MemberData(nameof(Quantized))]
    public void ConvLayers_QuantizedExport_ListsEveryConvWithTheFloatShapes(string variant)
    {
        var original = ModelGraph.Load(Exports.Path("dynamic"));
        var graph = ModelGraph.Load(Exports.Path(variant));

        graph.ConvLayers.Select(c => string.Join("x", c.WeightShape)).Should().Equal(original.ConvLayers.Select(c => string.Join("x", c.WeightShape)));
        graph.ConvLayers.Select(c => c.IsDepthwise).Should().Equal(false, true, false);
        graph.ConvLayers.Select(c => c.Output).Should().Equal(original.ConvLayers.Select(c => c.Output), "a quantized conv's float result is where activations are read");
    }

    [Theory]
    [MemberData(nameof(Quantized))]
    public void Weight_QuantizedConv_IsDequantizedWithinQuantizationError(string variant)
    {
        var original = ModelGraph.Load(Exports.Path("dynamic"));
        var graph = ModelGraph.Load(Exports.Path(variant));

        foreach (var (conv, reference) in graph.ConvLayers.Zip(original.ConvLayers))
        {
            var expected = original.Weight(reference.WeightName).Values.ToArray();
            var actual = graph.Weight(conv.WeightName).Values.ToArray();

            // int8 per channel: half a step of max|w|/127; uint8 per tensor: half a step of (max − min)/255.
            var step = (expected.Max() - Math.Min(expected.Min(), 0)) / 127;
            actual.Should().Equal(expected, (a, b) => Math.Abs(a - b) <= (step / 2) + 1e-6f, $"{conv.NodeName} ({conv.OpType})");
        }
    }

    [Fact]
    public void Weight_QLinearConvBias_IsDequantizedWithTheInputAndWeightScales()
    {
        var original = ModelGraph.Load(Exports.Path("dynamic"));
        var graph = ModelGraph.Load(Exports.Path("qlinear"));

        var bias = graph.Weight(graph.ConvLayers[0].BiasName!).Values.ToArray();

        bias.Should().Equal(original.Weight(original.ConvLayers[0].BiasName!).Values.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-3f);
    }

    [Theory]
    [MemberData(nameof(Quantized))]
    public void FilterReport_QuantizedExport_ReadsTheFloatFilters(string variant)
    {
        using var original = Exports.Load("dynamic");
        using var quantized = Exports.Load(variant);

        var expected = FilterReport.For(original);
        var actual = FilterReport.For(quantized);

        actual.Layer.OpType.Should().Be(variant switch { "qlinear" => "QLinearConv", "convinteger" => "ConvInteger", _ => "Conv" });
        actual.Filters.Select(f => f.Norm).Should().Equal(expected.Filters.Select(f => f.Norm), (a, b) => Math.Abs(a - b) <= 0.02 * b);
    }

    [Theory]
    [MemberData(nameof(Quantized))]
    public void Predict_QuantizedExport_RunsCloseToTheFloatModel(string variant)
    {
        var images = Exports.Images(6);
        using var original = Exports.Load("dynamic");
        using var quantized = Exports.Load(variant);

        var expected = original.Predict(images);
        var actual = quantized.Predict(images, [quantized.Graph.FirstConv.Output]);

        for (var i = 0; i < images.Length; i++)
        {
            actual[i].Probabilities.Should().Equal(expected[i].Probabilities, (a, b) => Math.Abs(a - b) <= 0.05f, $"image {i}");
        }
    }

    [Fact]
    public void Cli_QdqExportWithEveryRegisteredAudit_EndsInAVerdict()
    {
        var folder = CliRunner.TempFolder();

        var (exit, output, error) = CliRunner.Run("audit", "--config", Exports.WriteConfig(folder, Exports.Path("qdq")), "--out", Path.Combine(folder, "out"));

        exit.Should().BeOneOf([0, 1], error);
        output.Should().Contain("filters:").And.Contain("activations:").And.Contain("occlusion:").And.Contain("gradients:");
    }

    [Fact]
    public void Cli_QdqExportWithLrp_ReportsConservationAndEndsInAVerdict()
    {
        var folder = CliRunner.TempFolder();

        var (exit, output, error) = CliRunner.Run("audit", "--config", Exports.WriteConfig(folder, Exports.Path("qdq"), methods: ["lrp"]), "--out", Path.Combine(folder, "out"));

        exit.Should().BeOneOf([0, 1], error);
        output.Should().Contain("gradients:").And.NotContain("NOT MEASURED  gradients:", "relevance crosses the QDQ pairs and reads the dequantized weights");
        File.ReadAllText(Path.Combine(folder, "out", "report.json")).Should().Contain("lrp_conservation_error_mean");
    }

    [Theory]
    [InlineData("qlinear", "QLinearConv")]
    [InlineData("convinteger", "ConvInteger")]
    public void Cli_IntegerConvExport_ReportsGradientsAsNotMeasuredNamingWhy(string variant, string op)
    {
        var folder = CliRunner.TempFolder();

        var without = CliRunner.Run("audit", "--config", Exports.WriteConfig(folder, Exports.Path(variant), gradients: false), "--out", Path.Combine(folder, "out"));
        var with = CliRunner.Run("audit", "--config", Exports.WriteConfig(folder, Exports.Path(variant)), "--out", Path.Combine(folder, "out2"));

        without.Exit.Should().BeOneOf([0, 1], without.Error);
        without.Output.Should().Contain("filters:").And.Contain("activations:").And.Contain("occlusion:");
        with.Exit.Should().Be(1, "integer convolutions have no backward rule, so the gradient checks are not measured, which closes the gate");
        with.Output.Should().Contain("NOT MEASURED  gradients:").And.Contain("no gradient map could be made").And.Contain("no backward rule for operator")
            .And.Contain("filters:").And.NotContain("   at ", $"{op} is refused by name, not by a crash");
    }

    [Fact]
    public void Inspect_QdqExport_ListsTheDepthwiseConvAndNoWeightAliases()
    {
        var (exit, output, error) = CliRunner.Run("inspect", Exports.Path("qdq"));

        exit.Should().Be(0, error);
        output.Should().Contain("conv layers (3)").And.Contain("group 8 depthwise");
        output.Should().NotContain("w0_dq", "weights read through DequantizeLinear are not activations").And.NotContain("x0_q,", "integer tensors cannot be tapped as floats");
    }
}
