using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>Adjoints of the linear layers: the transposed operator with the same (constant) weights.</summary>
internal static class LinearAdjoints
{
    /// <summary>Conv → ConvTranspose with the same weight, strides, pads, dilations and group, and the output padding that restores the input size.</summary>
    public static void Conv(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        if (wants(1) || (node.Input.Count > 2 && wants(2)))
        {
            throw c.Unsupported(node, "its weights depend on the differentiated tensor");
        }

        var input = c.Shape(node.Input[0]);
        var output = c.Shape(node.Output[0]);
        var kernel = node.GetInts("kernel_shape") ?? c.ConstantDims(node.Input[1])[2..];
        var spatial = kernel.Length;
        var strides = node.GetInts("strides") ?? Ones(spatial);
        var dilations = node.GetInts("dilations") ?? Ones(spatial);
        var pads = Pads(node, input, output, kernel, strides, dilations, c);
        var outputPadding = new long[spatial];
        for (var i = 0; i < spatial; i++)
        {
            // ConvTranspose yields s·(out−1) + (k−1)·d + 1 − pads; the rows a strided conv skipped at the end come back as output padding.
            var produced = (strides[i] * (output[1 + i] - 1)) + ((kernel[i] - 1) * dilations[i]) + 1 - pads[i] - pads[spatial + i];
            outputPadding[i] = input[1 + i] - produced;
            if (outputPadding[i] < 0 || outputPadding[i] >= Math.Max(strides[i], dilations[i]))
            {
                throw c.Unsupported(node, $"its transposed convolution cannot restore input size {input[1 + i]} on axis {i} (output padding {outputPadding[i]})");
            }
        }

        give(0, c.Emit.Node("ConvTranspose", [dY, node.Input[1]],
            OnnxAttributes.Ints("kernel_shape", kernel),
            OnnxAttributes.Ints("strides", strides),
            OnnxAttributes.Ints("dilations", dilations),
            OnnxAttributes.Ints("pads", pads),
            OnnxAttributes.Ints("output_padding", outputPadding),
            OnnxAttributes.Int("group", node.GetInt("group", 1))));
    }

    /// <summary>Gemm (A constant-free, B and C constant): dA = α·dY·op(B)ᵀ, with op(B)ᵀ prepared once as a constant.</summary>
    public static void Gemm(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        if (wants(1) || (node.Input.Count > 2 && wants(2)))
        {
            throw c.Unsupported(node, "its weights or bias depend on the differentiated tensor");
        }

        if (node.GetInt("transA", 0) != 0)
        {
            throw c.Unsupported(node, "transA=1 is not supported");
        }

        var alpha = node.GetFloat("alpha", 1f);
        var b = c.Constant(node.Input[1], node);
        var dims = c.ConstantDims(node.Input[1]);
        var transB = node.GetInt("transB", 0) != 0;

        // op(B) is [K, M]; the backward product needs op(B)ᵀ = [M, K], which is B itself when transB=1.
        var (rows, cols) = transB ? (dims[0], dims[1]) : (dims[1], dims[0]);
        var weight = transB && alpha == 1f ? node.Input[1] : c.Emit.Floats(Prepare(b, dims, transB, alpha), rows, cols);
        give(0, c.Emit.Node("MatMul", [dY, weight]));
    }

    /// <summary>BatchNormalization in inference: a per-channel scale, γ/√(σ²+ε).</summary>
    public static void BatchNorm(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        if (node.Output.Count > 1 && node.GetInt("training_mode", 0) != 0)
        {
            throw c.Unsupported(node, "training-mode batch normalization is not supported");
        }

        var scale = c.Constant(node.Input[1], node);
        var variance = c.Constant(node.Input[4], node);
        var epsilon = node.GetFloat("epsilon", 1e-5f);
        var factor = new float[scale.Length];
        for (var i = 0; i < factor.Length; i++)
        {
            factor[i] = (float)(scale[i] / Math.Sqrt(variance[i] + (double)epsilon));
        }

        // Shape [C, 1, 1, ...] broadcasts against [N, C, H, W, ...].
        long[] dims = [factor.Length, .. Enumerable.Repeat(1L, c.Shape(node.Input[0]).Length - 1)];
        give(0, c.Emit.Mul(dY, c.Emit.Floats(factor, dims)));
    }

    private static float[] Prepare(float[] b, long[] dims, bool keep, float alpha)
    {
        var (r, k) = ((int)dims[0], (int)dims[1]);
        var result = new float[b.Length];
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < k; j++)
            {
                // keep: same layout; otherwise write the transpose.
                result[keep ? (i * k) + j : (j * r) + i] = alpha * b[(i * k) + j];
            }
        }

        return result;
    }

    /// <summary>Explicit pads [begins…, ends…] of a windowed operator, worked out from the measured output size under auto_pad.</summary>
    internal static long[] Pads(NodeProto node, int[] input, int[] output, long[] kernel, long[] strides, long[] dilations, AdjointContext c)
    {
        var spatial = kernel.Length;
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (autoPad is "NOTSET")
        {
            return node.GetInts("pads") ?? new long[2 * spatial];
        }

        var pads = new long[2 * spatial];
        if (autoPad is "VALID")
        {
            return pads;
        }

        for (var i = 0; i < spatial; i++)
        {
            var total = Math.Max(0, ((output[1 + i] - 1) * strides[i]) + ((kernel[i] - 1) * dilations[i]) + 1 - input[1 + i]);
            var small = total / 2;
            (pads[i], pads[spatial + i]) = autoPad == "SAME_UPPER" ? (small, total - small) : (total - small, small);
        }

        return autoPad is "SAME_UPPER" or "SAME_LOWER" ? pads : throw c.Unsupported(node, $"auto_pad '{autoPad}' is unknown");
    }

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
}
