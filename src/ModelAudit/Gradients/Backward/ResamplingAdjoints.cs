using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Adjoints of the upsampling operators: Resize and Upsample as per-axis constant maps, ConvTranspose as a Conv.
/// </summary>
internal static class ResamplingAdjoints
{
    /// <summary>
    /// Resize (nearest or linear) is separable: per image and channel Y = A_h·X·A_wᵀ, with each A built from the known
    /// shapes exactly as the runtime maps coordinates (<see cref="ResizeAxis"/>). So dX = A_hᵀ·dY·A_w, one constant
    /// MatMul per resized axis. Scales are read from the node (the factor itself enters the coordinate mapping, so 1.5
    /// on 5 rows maps differently from 7/5); with sizes instead the factor is output/input.
    /// </summary>
    public static void Resize(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var legacy = node.OpType == "Upsample" || c.Emit.Opset < 11;
        var mode = node.GetString("mode", "nearest");
        if (mode is not ("nearest" or "linear"))
        {
            throw c.Unsupported(node, $"its mode is {mode}; nearest and linear are supported");
        }

        if (node.GetInt("antialias", 0) != 0)
        {
            throw c.Unsupported(node, "it antialiases (antialias 1) when shrinking; only antialias 0 is supported");
        }

        if (node.GetString("keep_aspect_ratio_policy", "stretch") is not "stretch" and var policy)
        {
            throw c.Unsupported(node, $"its keep_aspect_ratio_policy is {policy}; only stretch is supported");
        }

        var transform = legacy ? "asymmetric" : node.GetString("coordinate_transformation_mode", "half_pixel");
        if (!ResizeAxis.Transforms.Contains(transform))
        {
            throw c.Unsupported(node, $"its coordinate_transformation_mode is {transform}; supported: {string.Join(", ", ResizeAxis.Transforms)}");
        }

        var rounding = legacy ? ResizeAxis.LegacyRounding : node.GetString("nearest_mode", "round_prefer_floor");
        if (!legacy && !ResizeAxis.Roundings.Contains(rounding))
        {
            throw c.Unsupported(node, $"its nearest_mode is {rounding}; supported: {string.Join(", ", ResizeAxis.Roundings)}");
        }

        var input = c.Shape(node.Input[0]);
        var output = c.Shape(node.Output[0]);
        var rank = input.Length + 1;
        var scales = Scales(node, legacy, rank, c);
        if (scales is not null && scales[0] != 1f)
        {
            throw c.Unsupported(node, $"it resizes the batch axis by {scales[0]}");
        }

        var gradient = dY;
        for (var axis = 1; axis < rank; axis++)
        {
            var (from, to) = (input[axis - 1], output[axis - 1]);
            var scale = scales?[axis] ?? (float)to / from;
            if (from != to || scale != 1f)
            {
                gradient = ResizeAxis.Map(axis, from, to, scale, mode == "linear", transform, rounding).Adjoint(gradient, rank, c.Emit);
            }
        }

        give(0, gradient);
    }

    /// <summary>
    /// ConvTranspose → Conv with the same weights, strides, pads, dilations and group: the transposed convolution's own
    /// transpose. Its weight layout [C_in, C_out/group, k…] is the Conv layout from C_out back to C_in. Padding derived
    /// from output_shape or auto_pad is recovered from the measured output size; output_padding only adds rows the Conv
    /// skips.
    /// </summary>
    public static void ConvTranspose(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        if (wants(1) || (node.Input.Count > 2 && wants(2)))
        {
            throw c.Unsupported(node, "its weights depend on the differentiated tensor");
        }

        var weights = node.Input[1];
        var kernel = node.GetInts("kernel_shape")
            ?? (c.IsConstant(weights) ? c.ConstantDims(weights)[2..] : throw c.Unsupported(node, "it has no kernel_shape and its weights are computed"));
        var spatial = kernel.Length;
        var strides = node.GetInts("strides") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var dilations = node.GetInts("dilations") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var outputPadding = node.GetInts("output_padding") ?? new long[spatial];
        var input = c.Shape(node.Input[0]);
        var output = c.Shape(node.Output[0]);
        var pads = TransposedPads(node, input, output, kernel, strides, dilations, outputPadding);

        give(0, c.Emit.Node("Conv", [dY, weights],
            OnnxAttributes.Ints("kernel_shape", kernel),
            OnnxAttributes.Ints("strides", strides),
            OnnxAttributes.Ints("dilations", dilations),
            OnnxAttributes.Ints("pads", pads),
            OnnxAttributes.Int("group", node.GetInt("group", 1))));
    }

    /// <summary>The scale of every axis (batch first) when the node gives scales; null when it gives sizes.</summary>
    private static float[]? Scales(NodeProto node, bool legacy, int rank, AdjointContext c)
    {
        var index = legacy ? 1 : 2;
        var name = node.Input.Count > index ? node.Input[index] : "";
        var given = name.Length > 0 ? c.Constant(name, node) : [];
        if (given.Length == 0)
        {
            return !legacy && node.Input.Count > 3 && node.Input[3].Length > 0
                ? null
                : throw c.Unsupported(node, "it has neither scales nor sizes");
        }

        var axes = node.GetInts("axes")?.Select(a => (int)(a < 0 ? a + rank : a)).ToArray() ?? Enumerable.Range(0, rank).ToArray();
        if (axes.Length != given.Length)
        {
            throw c.Unsupported(node, $"it gives {given.Length} scales for {axes.Length} axes");
        }

        var scales = Enumerable.Repeat(1f, rank).ToArray();
        for (var i = 0; i < axes.Length; i++)
        {
            scales[axes[i]] = given[i];
        }

        return scales;
    }

    private static long[] TransposedPads(NodeProto node, int[] input, int[] output, long[] kernel, long[] strides, long[] dilations, long[] outputPadding)
    {
        var spatial = kernel.Length;
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (node.GetInts("output_shape") is null && autoPad is ("NOTSET" or ""))
        {
            return node.GetInts("pads") ?? new long[2 * spatial];
        }

        // An odd total puts the extra row at the end under SAME_UPPER, at the start otherwise.
        var pads = new long[2 * spatial];
        for (var i = 0; i < spatial; i++)
        {
            var total = Math.Max(0, (strides[i] * (input[1 + i] - 1)) + outputPadding[i] + ((kernel[i] - 1) * dilations[i]) + 1 - output[1 + i]);
            pads[i] = autoPad == "SAME_UPPER" ? total / 2 : total - (total / 2);
            pads[spatial + i] = total - pads[i];
        }

        return pads;
    }
}
