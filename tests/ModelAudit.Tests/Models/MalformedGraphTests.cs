using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using ModelAudit.Filters;
using ModelAudit.Models;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

/// <summary>Graphs ModelAudit cannot audit as they are fail with errors that name the model, the node and what is wrong.</summary>
public sealed class MalformedGraphTests
{
    private static readonly InputSpec Spec = InputSpec.FromMeanStd(4, 4, ChannelOrder.Rgb, [0.5f], [0.5f]);

    [Fact]
    public void Load_ConvWithoutOutput_NamesTheNode()
    {
        var bytes = new TinyOnnx()
            .Input("x", -1, 3, 4, 4).Output("y", -1, 2)
            .Weight("w", new float[2 * 3 * 3 * 3], 2, 3, 3, 3)
            .Node("Conv", ["x", "w"], ["c"])
            .Node("GlobalAveragePool", ["x"], ["g"]).Node("Flatten", ["g"], ["y"])
            .Build();
        var proto = ModelAudit.Models.Onnx.ModelProto.Parser.ParseFrom(bytes);
        proto.Graph.Node[0].Output.Clear();
        proto.Graph.Node[0].Name = "conv_without_output";
        var folder = CliRunner.TempFolder();
        var path = Path.Combine(folder, "broken.onnx");
        File.WriteAllBytes(path, proto.ToByteArray());

        var load = () => ModelGraph.Load(path);
        var (exit, _, error) = CliRunner.Run("inspect", path);

        load.Should().Throw<InvalidModelException>().WithMessage("*broken.onnx*node 'conv_without_output' (Conv, #0) has no output*");
        exit.Should().Be(2);
        error.Should().Contain("conv_without_output").And.NotContain("ArgumentOutOfRange");
    }

    [Fact]
    public void Weight_ConvWeightsComputedAtRunTime_NamesTheNodeThatComputesThem()
    {
        using var model = AuditModel.Load(RunTimeWeights(), "runtime-weights.onnx", Spec);
        var conv = model.Graph.FirstConv;

        var report = () => FilterReport.For(model);
        var weight = () => model.Graph.Weight(conv.WeightName);

        conv.ToString().Should().Contain("weights computed at run time");
        conv.IsDepthwise.Should().BeFalse();
        report.Should().Throw<InvalidModelException>().WithMessage("*runtime-weights.onnx*Conv 'conv'*");
        weight.Should().Throw<InvalidModelException>().WithMessage("*runtime-weights.onnx*'w_relu' (read by 'conv' (Conv))*node 'w_relu' (Relu) computes it at run time*");
    }

    [Fact]
    public void Inspect_ConvWeightsComputedAtRunTime_ListsTheConvWithoutCrashing()
    {
        var folder = CliRunner.TempFolder();
        var path = Path.Combine(folder, "runtime-weights.onnx");
        File.WriteAllBytes(path, RunTimeWeights());

        var (exit, output, error) = CliRunner.Run("inspect", path);

        exit.Should().Be(0, error);
        output.Should().Contain("conv [weights computed at run time]");
    }

    [Fact]
    public void TappableTensors_IdentityOfAWeight_IsNotAnActivationButReadsAsTheWeight()
    {
        var w = Enumerable.Range(0, 2 * 3 * 3 * 3).Select(i => i * 0.01f).ToArray();
        var graph = AuditModel.Load(new TinyOnnx()
            .Input("x", -1, 3, 4, 4).Output("y", -1, 2)
            .Weight("w", w, 2, 3, 3, 3)
            .Node("Identity", ["w"], ["w_alias"])
            .Node("Conv", ["x", "w_alias"], ["c"], TinyOnnx.Ints("pads", 1, 1, 1, 1))
            .Node("GlobalAveragePool", ["c"], ["g"]).Node("Flatten", ["g"], ["y"])
            .Build(), "alias.onnx", Spec).Graph;

        graph.TappableTensors.Should().Equal("c", "g", "y");
        graph.FirstConv.WeightShape.Should().Equal(2, 3, 3, 3);
        graph.Weight("w_alias").Values.ToArray().Should().Equal(w);
    }

    [Fact]
    public void Load_ModelFailingAtRunTime_RaisesInvalidModelExceptionNamingTheShape()
    {
        // 48 values per image cannot be reshaped into 5 rows: ONNX Runtime refuses at run time, not at load.
        var bytes = new TinyOnnx()
            .Input("x", -1, 3, 4, 4).Output("y", -1, 2)
            .Int64s("shape", 5, -1)
            .Node("Reshape", ["x", "shape"], ["y"])
            .Build();

        var load = () => AuditModel.Load(bytes, "bad-reshape.onnx", Spec);

        load.Should().Throw<InvalidModelException>()
            .WithMessage("*ONNX Runtime failed to run 'bad-reshape.onnx' on input shape [1,3,4,4]*")
            .WithInnerException<OnnxRuntimeException>();
    }

    private static byte[] RunTimeWeights() => new TinyOnnx()
        .Input("x", -1, 3, 4, 4).Output("y", -1, 2)
        .Weight("w", Enumerable.Range(0, 2 * 3 * 3 * 3).Select(i => i * 0.01f).ToArray(), 2, 3, 3, 3)
        .Node("Relu", ["w"], ["w_relu"])
        .Node("Conv", ["x", "w_relu"], ["conv"], TinyOnnx.Ints("pads", 1, 1, 1, 1))
        .Node("GlobalAveragePool", ["conv"], ["g"]).Node("Flatten", ["g"], ["y"])
        .Build();
}
