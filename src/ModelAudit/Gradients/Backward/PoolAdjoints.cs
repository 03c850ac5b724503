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

        var (channels, h, w, outH, outW) = (input[0], input[1], input[2], output[1], output[2]);
        var pads = LinearAdjoints.Pads(node, input, output, kernel, strides, dilations, c);

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
    /// AveragePool → a depthwise convolution with a uniform kernel, so its adjoint is the grouped ConvTranspose of that
    /// kernel, exact for overlapping windows too. Windows that reach into padding or past the input (ceil_mode) may
    /// divide by fewer values than the kernel holds, depending on count_include_pad and on the runtime's version of the
    /// operator; there dY is divided by each window's own divisor and sent back through a kernel of ones. The divisors
    /// come from the runtime itself: its AveragePool of a constant map of ones (folded when the session is built) is
    /// valid/divisor per window, and the count of valid inputs in each window is known here.
    /// </summary>
    public static void AveragePool(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var kernel = node.GetInts("kernel_shape") ?? throw c.Unsupported(node, "it has no kernel_shape");
        var strides = node.GetInts("strides") ?? Enumerable.Repeat(1L, kernel.Length).ToArray();
        var dilations = node.GetInts("dilations") ?? Enumerable.Repeat(1L, kernel.Length).ToArray();
        var input = c.Shape(node.Input[0]);
        var output = c.Shape(node.Output[0]);
        if (kernel.Length != 2 || input.Length != 3 || output.Length != 3)
        {
            throw c.Unsupported(node, $"it pools over {kernel.Length} axes; 2-D maps are supported");
        }

        var pads = LinearAdjoints.Pads(node, input, output, kernel, strides, dilations, c);
        var (channels, h, w, outH, outW) = (input[0], input[1], input[2], output[1], output[2]);
        var rows = ValidTaps(outH, h, kernel[0], strides[0], dilations[0], pads[0]);
        var columns = ValidTaps(outW, w, kernel[1], strides[1], dilations[1], pads[1]);
        var taps = (int)(kernel[0] * kernel[1]);
        var e = c.Emit;
        if (rows.All(r => r == kernel[0]) && columns.All(r => r == kernel[1]))
        {
            var uniform = e.Floats(Enumerable.Repeat(1f / taps, channels * taps).ToArray(), channels, 1, kernel[0], kernel[1]);
            give(0, WindowsBack(dY, uniform, channels, kernel, strides, dilations, pads, [h, w], [outH, outW], c));
            return;
        }

        var inverseValid = new float[outH * outW];
        for (var y = 0; y < outH; y++)
        {
            for (var x = 0; x < outW; x++)
            {
                var valid = rows[y] * columns[x];
                inverseValid[(y * outW) + x] = valid == 0 ? 0 : 1f / valid;
            }
        }

        var ones = e.Floats(Enumerable.Repeat(1f, h * w).ToArray(), 1, 1, h, w);
        var shares = e.Node("AveragePool", [ones], [.. node.Attribute.Select(a => a.Clone())]);
        if (node.GetInt("ceil_mode", 0) != 0)
        {
            // A last window that would start in the end padding is counted by ONNX shape inference but dropped by the
            // runtime; cutting to the measured size keeps the inferred shapes of the products below consistent.
            shares = e.Slice(shares, [0, 0], [outH, outW], [2, 3]);
        }

        var perWindow = e.Mul(shares, e.Floats(inverseValid, 1, 1, outH, outW));
        var sums = e.Floats(Enumerable.Repeat(1f, channels * taps).ToArray(), channels, 1, kernel[0], kernel[1]);
        give(0, WindowsBack(e.Mul(dY, perWindow), sums, channels, kernel, strides, dilations, pads, [h, w], [outH, outW], c));
    }

    /// <summary>How many taps of each window fall inside the input along one axis.</summary>
    private static int[] ValidTaps(int windows, int length, long kernel, long stride, long dilation, long padBegin)
    {
        var counts = new int[windows];
        for (var o = 0; o < windows; o++)
        {
            for (var j = 0; j < kernel; j++)
            {
                var at = (o * stride) - padBegin + (j * dilation);
                counts[o] += at >= 0 && at < length ? 1 : 0;
            }
        }

        return counts;
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
        var axes = ReducedAxes(node, shape.Length + 1, c);
        if (axes.Length == 0)
        {
            give(0, dY);
            return;
        }

        var count = mean ? axes.Select(a => shape[(int)a - 1]).Aggregate(1, (a, b) => a * b) : 1;
        Spread(node, KeptDims(node, dY, shape, axes, c), 1f / count, c, give);
    }

    /// <summary>GlobalMaxPool → dY to the maximum of each map; see <see cref="ToMaxima"/> for ties.</summary>
    public static void GlobalMaxPool(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var rank = c.Shape(node.Input[0]).Length + 1;
        give(0, ToMaxima(node.Input[0], node.Output[0], dY, Enumerable.Range(2, rank - 2).Select(a => (long)a).ToArray(), c.Emit));
    }

    /// <summary>
    /// ReduceMax → dY to the maxima over the reduced axes (an attribute before opset 18, an input after); see
    /// <see cref="ToMaxima"/> for ties.
    /// </summary>
    public static void ReduceMax(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var shape = c.Shape(node.Input[0]);
        var axes = ReducedAxes(node, shape.Length + 1, c);
        if (axes.Length == 0)
        {
            give(0, dY);
            return;
        }

        var max = KeptDims(node, node.Output[0], shape, axes, c);
        give(0, ToMaxima(node.Input[0], max, KeptDims(node, dY, shape, axes, c), axes, c.Emit));
    }

    /// <summary>
    /// dY of a max over <paramref name="axes"/> goes to the inputs equal to the maximum. Tied maxima share it evenly
    /// (the subgradient TensorFlow and PyTorch's amax take), so the gradients still sum to dY.
    /// </summary>
    private static string ToMaxima(string x, string max, string dY, long[] axes, GraphEmitter e)
    {
        // x ≤ max everywhere, so "not less" marks the maxima (Equal takes floats only from opset 11).
        var mask = e.AsFloat(e.Node("Not", [e.Node("Less", [x, max])]));
        return e.Mul(dY, e.Node("Div", [mask, e.ReduceSum(mask, axes)]));
    }

    /// <summary>
    /// The reduced axes, normalised and sorted, from the attribute or (from opset 13 for ReduceSum, 18 for the others)
    /// the input; none when the node passes its input through (noop_with_empty_axes).
    /// </summary>
    private static long[] ReducedAxes(NodeProto node, int rank, AdjointContext c)
    {
        var axes = node.GetInts("axes")
            ?? (node.Input.Count > 1 && node.Input[1].Length > 0 ? c.ConstantInts(node.Input[1], node) : null);
        if (axes is null || axes.Length == 0)
        {
            return node.GetInt("noop_with_empty_axes", 0) != 0 ? [] : throw c.Unsupported(node, "it reduces over every axis, the batch included");
        }

        var normalised = axes.Select(a => a < 0 ? a + rank : a).Distinct().Order().ToArray();
        return normalised.Contains(0) ? throw c.Unsupported(node, "it reduces over the batch axis") : normalised;
    }

    /// <summary>
    /// A reduced tensor with its reduced axes put back as size 1 (as it is under keepdims 1), so that it broadcasts
    /// against the input.
    /// </summary>
    private static string KeptDims(NodeProto node, string reduced, int[] shape, long[] axes, AdjointContext c)
    {
        if (node.GetInt("keepdims", 1) != 0)
        {
            return reduced;
        }

        long[] withOnes = [0, .. shape.Select((d, i) => axes.Contains(i + 1) ? 1L : d)];
        return c.Emit.Node("Reshape", [reduced, c.Emit.Int64s(withOnes)]);
    }

    private static void Spread(NodeProto node, string dY, float factor, AdjointContext c, Action<int, string> give)
    {
        var scaled = factor == 1f ? dY : c.Emit.Mul(dY, c.Emit.Scalar(factor));
        give(0, c.Emit.Node("Expand", [scaled, c.Emit.Node("Shape", [node.Input[0]])]));
    }
}
