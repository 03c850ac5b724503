using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>Adjoints of the pooling and reduction operators.</summary>
internal static class PoolAdjoints
{
    /// <summary>
    /// MaxPool → the gradient goes back to the argmax of each window ("switches"): the forward node also emits its
    /// Indices (which run over the whole N·C·H·W tensor), and dY is scattered into zeros of the flattened input.
    /// Overlapping windows (ResNet's 3×3 stride-2 pool) go through <see cref="OverlappingMaxPool"/>.
    /// </summary>
    public static void MaxPool(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var kernel = node.GetInts("kernel_shape") ?? throw c.Unsupported(node, "it has no kernel_shape");
        var strides = node.GetInts("strides") ?? Enumerable.Repeat(1L, kernel.Length).ToArray();
        var dilations = node.GetInts("dilations") ?? Enumerable.Repeat(1L, kernel.Length).ToArray();
        if (node.GetInt("storage_order", 0) != 0)
        {
            throw c.Unsupported(node, "its indices are in column-major storage order");
        }

        if (node.Output.Count < 2)
        {
            node.Output.Add(c.Emit.Fresh("maxpool_indices"));
        }

        // Overlapping windows can pick one input twice; a plain scatter would keep one write instead of the sum.
        if (Enumerable.Range(0, kernel.Length).Any(i => ((kernel[i] - 1) * dilations[i]) + 1 > strides[i]))
        {
            OverlappingMaxPool(node, dY, kernel, strides, dilations, c, give);
            return;
        }

        var flat = c.Emit.Int64s(-1);
        var zeros = c.Emit.Node("ConstantOfShape", [c.Emit.Node("Shape", [c.Emit.Node("Reshape", [node.Input[0], flat])])]);
        var indices = c.Emit.Node("Reshape", [node.Output[1], flat]);
        var updates = c.Emit.Node("Reshape", [dY, flat]);
        give(0, c.Emit.ReshapeLike(c.Emit.ScatterFlat(zeros, indices, updates), node.Input[0]));
    }

    /// <summary>
    /// MaxPool with overlapping windows. One input can be the argmax of several windows, and its gradient is the sum of
    /// theirs. Split by kernel offset, no input is hit twice: for each offset (i, j), the windows whose argmax sits at
    /// that offset send dY to distinct inputs. So dY is masked per offset (an argmax's position within its plane,
    /// Indices mod H·W, against each window's position at that offset, a constant), the k² masked copies are stacked as
    /// channels, and one grouped ConvTranspose with one-hot kernels places each at its offset and sums them.
    /// </summary>
    private static void OverlappingMaxPool(NodeProto node, string dY, long[] kernel, long[] strides, long[] dilations, AdjointContext c, Action<int, string> give)
    {
        var input = c.Shape(node.Input[0]);
        var output = c.Shape(node.Output[0]);
        if (kernel.Length != 2 || input.Length != 3 || output.Length != 3)
        {
            throw c.Unsupported(node, $"its windows overlap and it pools over {kernel.Length} axes; overlapping windows are supported on 2-D maps");
        }

        if (node.GetString("auto_pad", "NOTSET") is not ("" or "NOTSET") and var autoPad)
        {
            throw c.Unsupported(node, $"its windows overlap and it pads with auto_pad {autoPad}; give explicit pads");
        }

        var (channels, h, w, outH, outW) = (input[0], input[1], input[2], output[1], output[2]);
        var pads = node.GetInts("pads") ?? [0, 0, 0, 0];

        var offsets = (int)(kernel[0] * kernel[1]);
        var expected = new long[offsets * outH * outW];
        var oneHot = new float[channels * offsets * offsets];
        for (var o = 0; o < offsets; o++)
        {
            var (i, j) = (o / kernel[1], o % kernel[1]);
            for (var y = 0; y < outH; y++)
            {
                for (var x = 0; x < outW; x++)
                {
                    var row = (y * strides[0]) + (i * dilations[0]) - pads[0];
                    var column = (x * strides[1]) + (j * dilations[1]) - pads[1];
                    expected[(((o * outH) + y) * outW) + x] = row >= 0 && row < h && column >= 0 && column < w ? (row * w) + column : -1;
                }
            }

            for (var ch = 0; ch < channels; ch++)
            {
                oneHot[(((ch * offsets) + o) * offsets) + o] = 1;
            }
        }

        var positions = c.Emit.Node("Reshape", [c.Emit.Int64s(expected), c.Emit.Int64s(1, 1, offsets, outH, outW)]);
        var withinPlane = c.Emit.Node("Mod", [node.Output[1], c.Emit.Int64s((long)h * w)]);
        var mask = c.Emit.Node("Equal", [c.Emit.Node("Reshape", [withinPlane, c.Emit.Int64s(0, channels, 1, outH, outW)]), positions]);
        var masked = c.Emit.Mul(c.Emit.Node("Reshape", [dY, c.Emit.Int64s(0, channels, 1, outH, outW)]), c.Emit.AsFloat(mask));
        var stacked = c.Emit.Node("Reshape", [masked, c.Emit.Int64s(0, (long)channels * offsets, outH, outW)]);
        var weights = c.Emit.Floats(oneHot, (long)channels * offsets, 1, kernel[0], kernel[1]);
        give(0, WindowsBack(stacked, weights, channels, kernel, strides, dilations, pads, [h, w], [outH, outW], c));
    }

    /// <summary>
    /// AveragePool → it is a depthwise convolution with a uniform kernel, so its adjoint is the grouped ConvTranspose of
    /// that kernel: exact for overlapping windows too. Padding that is not counted (count_include_pad 0) changes the
    /// divisor at the border and is refused.
    /// </summary>
    public static void AveragePool(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var kernel = node.GetInts("kernel_shape") ?? throw c.Unsupported(node, "it has no kernel_shape");
        var strides = node.GetInts("strides") ?? Enumerable.Repeat(1L, kernel.Length).ToArray();
        var pads = node.GetInts("pads") ?? new long[2 * kernel.Length];
        var input = c.Shape(node.Input[0]);
        var output = c.Shape(node.Output[0]);
        if (kernel.Length != 2 || input.Length != 3 || output.Length != 3)
        {
            throw c.Unsupported(node, $"it pools over {kernel.Length} axes; 2-D maps are supported");
        }

        if (node.GetString("auto_pad", "NOTSET") is not ("" or "NOTSET") and var autoPad)
        {
            throw c.Unsupported(node, $"it pads with auto_pad {autoPad}; give explicit pads");
        }

        if (pads.Any(p => p != 0) && node.GetInt("count_include_pad", 0) == 0)
        {
            throw c.Unsupported(node, "it pads without counting the padding (count_include_pad 0), so its divisor changes at the border");
        }

        for (var a = 0; a < 2; a++)
        {
            if ((strides[a] * (output[a + 1] - 1)) + kernel[a] - pads[a] - pads[a + 2] > input[a + 1])
            {
                throw c.Unsupported(node, $"its last windows reach past the input on axis {a} (ceil_mode), where it divides by fewer than {kernel[0] * kernel[1]} values");
            }
        }

        var channels = input[0];
        var uniform = Enumerable.Repeat(1f / (kernel[0] * kernel[1]), (int)(channels * kernel[0] * kernel[1])).ToArray();
        var weights = c.Emit.Floats(uniform, channels, 1, kernel[0], kernel[1]);
        give(0, WindowsBack(dY, weights, channels, kernel, strides, [1, 1], pads, [input[1], input[2]], [output[1], output[2]], c));
    }

    /// <summary>
    /// The grouped ConvTranspose that sends each window's value back over the window. Windows that reach past the input
    /// (ceil_mode) make the transposed output larger than the input; the excess, which only such windows touch, is cut off.
    /// </summary>
    private static string WindowsBack(string windows, string weights, long groups, long[] kernel, long[] strides, long[] dilations, long[] pads, long[] extent, long[] outExtent, AdjointContext c)
    {
        var outputPadding = new long[2];
        var crop = false;
        for (var a = 0; a < 2; a++)
        {
            var covered = (strides[a] * (outExtent[a] - 1)) + ((kernel[a] - 1) * dilations[a]) + 1 - pads[a] - pads[a + 2];
            outputPadding[a] = Math.Max(0, extent[a] - covered);
            crop |= covered > extent[a];
        }

        var placed = c.Emit.Node("ConvTranspose", [windows, weights],
            OnnxAttributes.Int("group", groups),
            OnnxAttributes.Ints("kernel_shape", kernel),
            OnnxAttributes.Ints("strides", strides),
            OnnxAttributes.Ints("dilations", dilations),
            OnnxAttributes.Ints("pads", pads),
            OnnxAttributes.Ints("output_padding", outputPadding));
        return crop ? c.Emit.Slice(placed, [0, 0], extent, [2, 3]) : placed;
    }

    /// <summary>GlobalAveragePool → dY / (H·W), spread over every position.</summary>
    public static void GlobalAveragePool(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var count = c.Shape(node.Input[0])[1..].Aggregate(1, (a, b) => a * b);
        Spread(node, dY, 1f / count, c, give);
    }

    public static void ReduceMean(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        Reduce(node, dY, mean: true, c, give);

    public static void ReduceSum(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give) =>
        Reduce(node, dY, mean: false, c, give);

    private static void Reduce(NodeProto node, string dY, bool mean, AdjointContext c, Action<int, string> give)
    {
        var shape = c.Shape(node.Input[0]);
        var rank = shape.Length + 1;
        var axes = node.GetInts("axes")
            ?? (node.Input.Count > 1 && node.Input[1].Length > 0 ? c.ConstantInts(node.Input[1], node) : null);
        if (axes is null || axes.Length == 0)
        {
            throw c.Unsupported(node, "it reduces over every axis, the batch included");
        }

        var normalised = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        if (normalised.Contains(0))
        {
            throw c.Unsupported(node, "it reduces over the batch axis");
        }

        var kept = dY;
        if (node.GetInt("keepdims", 1) == 0)
        {
            // Put the reduced axes back as size 1 so that Expand broadcasts along them.
            long[] withOnes = [0, .. shape.Select((d, i) => normalised.Contains(i + 1) ? 1L : d)];
            kept = c.Emit.Node("Reshape", [dY, c.Emit.Int64s(withOnes)]);
        }

        var count = mean ? normalised.Select(a => shape[(int)a - 1]).Aggregate(1, (a, b) => a * b) : 1;
        Spread(node, kept, 1f / count, c, give);
    }

    private static void Spread(NodeProto node, string dY, float factor, AdjointContext c, Action<int, string> give)
    {
        var scaled = factor == 1f ? dY : c.Emit.Mul(dY, c.Emit.Scalar(factor));
        give(0, c.Emit.Node("Expand", [scaled, c.Emit.Node("Shape", [node.Input[0]])]));
    }
}
