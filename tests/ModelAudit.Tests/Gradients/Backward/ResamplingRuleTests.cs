using ModelAudit.Gradients;
using ModelAudit.Gradients.Backward;
using ModelAudit.Models.Onnx;
using ModelAudit.Tests.TestSupport;
using static ModelAudit.Tests.Gradients.Backward.FiniteDifferences;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>
/// The rules for resampling (Resize, Upsample, ConvTranspose), indexing (Slice, Split, Gather), max reductions and the
/// pools whose windows differ (uncounted padding, partial ceil_mode windows, auto_pad) against central finite differences.
/// </summary>
public sealed class ResamplingRuleTests
{
    private const double Tolerance = 5e-4;

    [Theory]
    [InlineData(11, "asymmetric", "floor", 2f, 2f)]
    [InlineData(13, "asymmetric", "floor", 2f, 1.5f)]
    [InlineData(13, "half_pixel", "round_prefer_floor", 1.5f, 2f)]
    [InlineData(13, "pytorch_half_pixel", "ceil", 0.5f, 1.5f)]
    [InlineData(13, "align_corners", "round_prefer_ceil", 2f, 3f)]
    [InlineData(13, "tf_half_pixel_for_nn", "floor", 0.6f, 1.75f)]
    [InlineData(19, "half_pixel", "round_prefer_floor", 0.6f, 1.75f)]
    public void Resize_Nearest_MatchesFiniteDifferences(int opset, string transform, string rounding, float scaleH, float scaleW)
    {
        var onnx = Resize(opset, scaleH, scaleW, "nearest", transform, rounding);

        RelativeError(onnx, [2, 5, 7]).Should().BeLessThan(Tolerance, "an output that copies an input sends its gradient back there");
    }

    [Theory]
    [InlineData(11, "half_pixel", 2f, 2f)]
    [InlineData(13, "pytorch_half_pixel", 1.5f, 2f)]
    [InlineData(13, "align_corners", 2f, 1.5f)]
    [InlineData(13, "asymmetric", 2f, 0.5f)]
    [InlineData(19, "half_pixel", 0.6f, 1.75f)]
    public void Resize_Bilinear_MatchesFiniteDifferences(int opset, string transform, float scaleH, float scaleW)
    {
        var onnx = Resize(opset, scaleH, scaleW, "linear", transform, "round_prefer_floor");

        RelativeError(onnx, [2, 5, 7]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(11, "nearest")]
    [InlineData(13, "linear")]
    public void Resize_SizesComputedFromTheInputShape_MatchesFiniteDifferences(int opset, string mode)
    {
        // As PyTorch exports interpolate(size=…): the batch and channel sizes come from Shape, the spatial ones are constants.
        var tiny = new TinyOnnx()
            .Input("x", -1, 2, 5, 7)
            .Int64s("begin", 0)
            .Int64s("two", 2)
            .Int64s("spatial", 9, 4)
            .Node("Shape", ["x"], ["shape"])
            .Node("Slice", ["shape", "begin", "two"], ["batch"])
            .Node("Concat", ["batch", "spatial"], ["sizes"], TinyOnnx.Int("axis", 0));
        tiny = opset < 13 ? tiny.Weight("roi", [], 0).Weight("scales", [], 0) : tiny;
        string[] inputs = opset < 13 ? ["x", "roi", "scales", "sizes"] : ["x", "", "", "sizes"];
        var onnx = tiny
            .Node("Resize", inputs, ["y"], TinyOnnx.String("mode", mode), TinyOnnx.String("coordinate_transformation_mode", "half_pixel"))
            .Output("y", -1, 2, 9, 4)
            .Build(opset);

        RelativeError(onnx, [2, 5, 7]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void Resize_ScalesOnTheSpatialAxesOnly_Opset18_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 5, 7)
            .Weight("scales", [1.5f, 0.5f], 2)
            .Node("Resize", ["x", "", "scales"], ["y"], TinyOnnx.String("mode", "linear"), TinyOnnx.Ints("axes", 2, 3))
            .Output("y", -1, 2, 7, 3)
            .Build(18);

        RelativeError(onnx, [2, 5, 7]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("Upsample", 9, "nearest", 2f)]
    [InlineData("Upsample", 9, "linear", 2f)]
    [InlineData("Resize", 10, "nearest", 0.5f)]
    [InlineData("Resize", 10, "linear", 1.5f)]
    public void Legacy_UpsampleAndResize10_MatchFiniteDifferences(string op, int opset, string mode, float scale)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 5, 7)
            .Weight("scales", [1, 1, scale, scale], 4)
            .Node(op, ["x", "scales"], ["y"], TinyOnnx.String("mode", mode))
            .Output("y", -1, 2, -1, -1)
            .Build(opset);

        RelativeError(onnx, [2, 5, 7]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(13, "nearest", "asymmetric", "floor", 2f, 2f)]
    [InlineData(13, "nearest", "half_pixel", "round_prefer_floor", 1.5f, 0.6f)]
    [InlineData(13, "nearest", "pytorch_half_pixel", "round_prefer_ceil", 2.5f, 1.75f)]
    [InlineData(13, "nearest", "align_corners", "ceil", 0.5f, 3f)]
    [InlineData(13, "linear", "half_pixel", "round_prefer_floor", 1.5f, 0.6f)]
    [InlineData(13, "linear", "pytorch_half_pixel", "round_prefer_floor", 2.5f, 1.75f)]
    [InlineData(13, "linear", "align_corners", "round_prefer_floor", 0.5f, 3f)]
    [InlineData(13, "linear", "asymmetric", "round_prefer_floor", 2f, 1.5f)]
    [InlineData(10, "nearest", "asymmetric", ResizeAxis.LegacyRounding, 0.6f, 1.5f)]
    public void ResizeAxis_ForwardOfTheMatrices_EqualsOnnxRuntimeResize(int opset, string mode, string transform, string rounding, float scaleH, float scaleW)
    {
        var onnx = Resize(opset, scaleH, scaleW, mode, transform, rounding);
        using var engine = Engine(onnx, [2, 5, 7]);
        var x = Random(engine.InputLength, 5);
        var (outH, outW) = (engine.TargetShape[1], engine.TargetShape[2]);
        var rows = ResizeAxis.Map(2, 5, outH, scaleH, mode == "linear", transform, rounding);
        var columns = ResizeAxis.Map(3, 7, outW, scaleW, mode == "linear", transform, rounding);

        var expected = Along(columns, Along(rows, x, 2, 7), 2 * outH, 1);

        engine.Forward(x).Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-5f, "A_h·X·A_wᵀ is the runtime's own Resize");
    }

    [Theory]
    [InlineData("cubic", "half_pixel", 0, "mode is cubic")]
    [InlineData("linear", "tf_crop_and_resize", 0, "coordinate_transformation_mode is tf_crop_and_resize")]
    [InlineData("linear", "half_pixel", 1, "antialias")]
    public void Resize_UnsupportedVariant_NamesNodeAndAttribute(string mode, string transform, int antialias, string why)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 5, 7)
            .Weight("roi", [0, 0, 0, 0, 1, 1, 1, 1], 8)
            .Weight("scales", [1, 1, 0.5f, 0.5f], 4)
            .Node("Resize", ["x", "roi", "scales"], ["y"], TinyOnnx.String("mode", mode), TinyOnnx.String("coordinate_transformation_mode", transform), TinyOnnx.Int("antialias", antialias))
            .Output("y", -1, 2, -1, -1)
            .Build(18);

        var act = () => Engine(onnx, [2, 5, 7]);

        act.Should().Throw<GradientException>().WithMessage($"*Resize node 'y'*{why}*");
    }

    [Theory]
    [InlineData(2, 2, 0, 0, 1, 1, 11)]
    [InlineData(3, 2, 1, 1, 1, 1, 13)]
    [InlineData(3, 1, 2, 0, 2, 2, 13)]
    [InlineData(4, 3, 1, 2, 1, 2, 13)]
    public void ConvTranspose_StridesPadsOutputPaddingGroups_MatchFiniteDifferences(int kernel, int stride, int pad, int outputPadding, int dilation, int group, int opset)
    {
        // PaddleOCR's detector upsamples with the first row's 2×2 stride-2 transposed convolution.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 4, 5)
            .Weight("w", Random(2 * (4 / group) * kernel * kernel, 1), 2, 4 / group, kernel, kernel)
            .Weight("b", Random(4, 2), 4)
            .Node("ConvTranspose", ["x", "w", "b"], ["y"], TinyOnnx.Ints("kernel_shape", kernel, kernel), TinyOnnx.Ints("strides", stride, stride),
                TinyOnnx.Ints("pads", pad, pad, pad, pad), TinyOnnx.Ints("output_padding", outputPadding, outputPadding),
                TinyOnnx.Ints("dilations", dilation, dilation), TinyOnnx.Int("group", group))
            .Output("y", -1, 4, -1, -1)
            .Build(opset);

        RelativeError(onnx, [2, 4, 5]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("NOTSET", 8, 11)]
    [InlineData("SAME_UPPER", 8, 11)]
    [InlineData("SAME_LOWER", 8, 13)]
    [InlineData("SAME_LOWER", 7, 13)]
    public void ConvTranspose_OutputShape_MatchesFiniteDifferences(string autoPad, int size, int opset)
    {
        // From 4×5 with kernel 3 and stride 2 the full output is 9×11: 8×8 leaves odd total paddings (1 and 3) to split
        // between start and end, 7×7 even ones.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 4, 5)
            .Weight("w", Random(2 * 3 * 9, 3), 2, 3, 3, 3)
            .Node("ConvTranspose", ["x", "w"], ["y"], TinyOnnx.Ints("strides", 2, 2), TinyOnnx.Ints("output_shape", size, size), TinyOnnx.String("auto_pad", autoPad))
            .Output("y", -1, 3, size, size)
            .Build(opset);

        RelativeError(onnx, [2, 4, 5]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("SAME_UPPER")]
    [InlineData("SAME_LOWER")]
    public void ConvTranspose_AutoPad_MatchesFiniteDifferences(string autoPad)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 4, 5)
            .Weight("w", Random(2 * 3 * 9, 4), 2, 3, 3, 3)
            .Node("ConvTranspose", ["x", "w"], ["y"], TinyOnnx.Ints("strides", 2, 2), TinyOnnx.String("auto_pad", autoPad))
            .Output("y", -1, 3, -1, -1)
            .Build(13);

        RelativeError(onnx, [2, 4, 5]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void Slice_AttributesOpset9_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 3, 5, 6)
            .Node("Slice", ["x"], ["y"], TinyOnnx.Ints("starts", 1, -4), TinyOnnx.Ints("ends", 3, 1000), TinyOnnx.Ints("axes", 1, 3))
            .Output("y", -1, 2, 5, 4)
            .Build(9);

        RelativeError(onnx, [3, 5, 6]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(10, new long[] { 0, 1, -3 }, new long[] { long.MaxValue, -1, 100 }, new long[] { 0, 2, 3 }, null)]
    [InlineData(13, new long[] { 0, 4 }, new long[] { 5, 0 }, new long[] { 2, 3 }, new long[] { 2, -1 })]
    [InlineData(13, new long[] { -1, 1 }, new long[] { long.MinValue, 100 }, new long[] { -2, 1 }, new long[] { -2, 1 })]
    public void Slice_InputsWithClampedBoundsAndSteps_MatchesFiniteDifferences(int opset, long[] starts, long[] ends, long[] axes, long[]? steps)
    {
        var tiny = new TinyOnnx().Input("x", -1, 3, 5, 6).Int64s("starts", starts).Int64s("ends", ends).Int64s("axes", axes);
        tiny = steps is null ? tiny.Node("Slice", ["x", "starts", "ends", "axes"], ["y"]) : tiny.Int64s("steps", steps).Node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"]);
        var onnx = tiny.Output("y", -1, -1, -1, -1).Build(opset);

        RelativeError(onnx, [3, 5, 6]).Should().BeLessThan(Tolerance, "every position read gets its gradient, every other none");
    }

    [Fact]
    public void Split_AttributeOpset11_OneOutputUsedTwice_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 3, 4, 4)
            .Node("Split", ["x"], ["a", "b"], TinyOnnx.Int("axis", 1), TinyOnnx.Ints("split", 1, 2))
            .Node("Sigmoid", ["a"], ["s"])
            .Node("Concat", ["b", "s", "b"], ["y"], TinyOnnx.Int("axis", 1))
            .Output("y", -1, 5, 4, 4)
            .Build(11);

        RelativeError(onnx, [3, 4, 4]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void Split_InputOpset13_FirstOutputUnused_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 5, 4)
            .Int64s("split", 2, 3)
            .Node("Split", ["x", "split"], ["a", "b"], TinyOnnx.Int("axis", -2))
            .Node("Sigmoid", ["b"], ["y"])
            .Output("y", -1, 2, 3, 4)
            .Build(13);

        RelativeError(onnx, [2, 5, 4]).Should().BeLessThan(Tolerance, "the rows that went to the unused output get no gradient");
    }

    [Fact]
    public void Split_NumOutputsOpset18_MiddleOutputUnused_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 4, 5)
            .Node("Split", ["x"], ["a", "b", "c"], TinyOnnx.Int("axis", 3), TinyOnnx.Int("num_outputs", 3))
            .Node("Concat", ["c", "a"], ["y"], TinyOnnx.Int("axis", 3))
            .Output("y", -1, 2, 4, 3)
            .Build(18);

        RelativeError(onnx, [2, 4, 5]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(1, new long[] { 2, 0, 2 }, new long[] { 3 }, 13)]
    [InlineData(-1, new long[] { -1 }, new long[0], 11)]
    [InlineData(2, new long[] { 0, 3, 3, 1 }, new long[] { 2, 2 }, 13)]
    public void Gather_ConstantIndices_DuplicatesSum_MatchesFiniteDifferences(int axis, long[] indices, long[] dims, int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 3, 4, 5)
            .Int64Tensor("i", indices, dims)
            .Node("Gather", ["x", "i"], ["y"], TinyOnnx.Int("axis", axis))
            .Output("y", Enumerable.Repeat(-1L, 3 + dims.Length).ToArray())
            .Build(opset);

        RelativeError(onnx, [3, 4, 5]).Should().BeLessThan(Tolerance, "an index gathered twice gets both gradients");
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void GlobalMaxPool_MatchesFiniteDifferences(int opset)
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 3, 4, 5)
            .Node("GlobalMaxPool", ["x"], ["y"])
            .Output("y", -1, 3, 1, 1)
            .Build(opset);

        RelativeError(onnx, [3, 4, 5], distinct: true).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void GlobalMaxPool_TiedMaxima_ShareTheGradientEvenly()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 1, 2, 2)
            .Node("GlobalMaxPool", ["x"], ["y"])
            .Output("y", -1, 1, 1, 1)
            .Build(13);
        using var engine = Engine(onnx, [1, 2, 2]);

        var gradient = engine.Run([0.5f, 2f, 2f, -1f], [3f], 1).Gradient;

        gradient.Should().Equal([0f, 1.5f, 1.5f, 0f], "two inputs hold the maximum, so each gets half of dY = 3");
    }

    [Theory]
    [InlineData(1, new long[] { 2, 3 }, 13)]
    [InlineData(0, new long[] { 1 }, 13)]
    [InlineData(0, new long[] { -1 }, 18)]
    [InlineData(1, new long[] { 1, 3 }, 18)]
    public void ReduceMax_AxesAndKeepdims_MatchFiniteDifferences(int keepdims, long[] axes, int opset)
    {
        var tiny = new TinyOnnx().Input("x", -1, 3, 4, 5);
        tiny = opset >= 18
            ? tiny.Int64s("axes", axes).Node("ReduceMax", ["x", "axes"], ["y"], TinyOnnx.Int("keepdims", keepdims))
            : tiny.Node("ReduceMax", ["x"], ["y"], TinyOnnx.Ints("axes", axes), TinyOnnx.Int("keepdims", keepdims));
        var onnx = tiny.Output("y", Enumerable.Repeat(-1L, keepdims == 1 ? 4 : 4 - axes.Length).ToArray()).Build(opset);

        RelativeError(onnx, [3, 4, 5], distinct: true).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData(7, 3, 2, 1, 0, 0, 13)]
    [InlineData(6, 3, 2, 0, 0, 1, 13)]
    [InlineData(6, 3, 2, 0, 1, 1, 13)]
    [InlineData(7, 3, 2, 1, 0, 1, 13)]
    [InlineData(8, 3, 3, 1, 0, 1, 13)]
    [InlineData(6, 3, 2, 1, 0, 1, 19)]
    [InlineData(6, 3, 2, 0, 1, 1, 19)]
    public void AveragePool_DivisorThatVariesByWindow_MatchesFiniteDifferences(int size, int kernel, int stride, int pad, int countPad, int ceilMode, int opset)
    {
        // Uncounted padding and the partial windows of ceil_mode divide by fewer values than the kernel holds.
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, size, size)
            .Node("AveragePool", ["x"], ["y"], TinyOnnx.Ints("kernel_shape", kernel, kernel), TinyOnnx.Ints("strides", stride, stride),
                TinyOnnx.Ints("pads", pad, pad, pad, pad), TinyOnnx.Int("count_include_pad", countPad), TinyOnnx.Int("ceil_mode", ceilMode))
            .Output("y", -1, 2, -1, -1)
            .Build(opset);

        RelativeError(onnx, [2, size, size]).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void AveragePool_DilatedOpset19_MatchesFiniteDifferences()
    {
        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 7, 7)
            .Node("AveragePool", ["x"], ["y"], TinyOnnx.Ints("kernel_shape", 2, 2), TinyOnnx.Ints("dilations", 2, 2), TinyOnnx.Ints("pads", 1, 1, 1, 1))
            .Output("y", -1, 2, -1, -1)
            .Build(19);

        RelativeError(onnx, [2, 7, 7]).Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("AveragePool", "SAME_UPPER", 3, 2, 0)]
    [InlineData("AveragePool", "SAME_LOWER", 3, 2, 0)]
    [InlineData("AveragePool", "SAME_UPPER", 2, 1, 1)]
    [InlineData("MaxPool", "SAME_UPPER", 3, 2, 0)]
    [InlineData("MaxPool", "SAME_LOWER", 3, 2, 0)]
    [InlineData("MaxPool", "SAME_LOWER", 2, 2, 0)]
    public void Pool_AutoPad_MatchesFiniteDifferences(string op, string autoPad, int kernel, int stride, int countPad)
    {
        var attributes = new List<AttributeProto> { TinyOnnx.Ints("kernel_shape", kernel, kernel), TinyOnnx.Ints("strides", stride, stride), TinyOnnx.String("auto_pad", autoPad) };
        if (op == "AveragePool")
        {
            attributes.Add(TinyOnnx.Int("count_include_pad", countPad));
        }

        var onnx = new TinyOnnx()
            .Input("x", -1, 2, 6, 7)
            .Node(op, ["x"], ["y"], [.. attributes])
            .Output("y", -1, 2, -1, -1)
            .Build(13);

        RelativeError(onnx, [2, 6, 7], distinct: op == "MaxPool").Should().BeLessThan(Tolerance);
    }

    private static byte[] Resize(int opset, float scaleH, float scaleW, string mode, string transform, string rounding)
    {
        var tiny = new TinyOnnx().Input("x", -1, 2, 5, 7).Weight("scales", [1, 1, scaleH, scaleW], 4);
        string[] inputs = opset switch
        {
            < 11 => ["x", "scales"],
            < 13 => ["x", "roi", "scales"],
            _ => ["x", "", "scales"],
        };
        tiny = opset is >= 11 and < 13 ? tiny.Weight("roi", [], 0) : tiny;
        AttributeProto[] attributes = opset < 11
            ? [TinyOnnx.String("mode", mode)]
            : [TinyOnnx.String("mode", mode), TinyOnnx.String("coordinate_transformation_mode", transform), TinyOnnx.String("nearest_mode", rounding)];
        return tiny.Node("Resize", inputs, ["y"], attributes).Output("y", -1, 2, -1, -1).Build(opset);
    }

    /// <summary>Y = W·X along the middle axis of a row-major [outer, W.InLength, inner] array.</summary>
    private static float[] Along(AxisMap map, float[] x, int outer, int inner)
    {
        var y = new float[outer * map.OutLength * inner];
        for (var a = 0; a < outer; a++)
        {
            for (var o = 0; o < map.OutLength; o++)
            {
                for (var i = 0; i < map.InLength; i++)
                {
                    for (var b = 0; b < inner; b++)
                    {
                        y[(((a * map.OutLength) + o) * inner) + b] += map.Weights[(o * map.InLength) + i] * x[(((a * map.InLength) + i) * inner) + b];
                    }
                }
            }
        }

        return y;
    }
}
