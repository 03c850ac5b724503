using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>The adjoint of the matrix product, where either operand may depend on the differentiated tensor.</summary>
internal static class MatrixAdjoints
{
    /// <summary>
    /// MatMul (NumPy semantics: the last two axes multiply, leading axes broadcast): dA = dY·Bᵀ and dB = Aᵀ·dY, each
    /// summed back over the leading axes its operand was broadcast along. Both operands may depend on the
    /// differentiated tensor (attention's Q·Kᵀ and weights·V); one that does not must be a constant.
    /// </summary>
    public static void MatMul(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var output = c.Shape(node.Output[0]);
        var a = FullShape(node, 0, c, wants);
        var b = FullShape(node, 1, c, wants);
        if (wants(1) && b.Length == 2)
        {
            throw c.Unsupported(node, "its right operand is a batch of vectors, so the product contracts over the batch axis");
        }

        // Shapes are per sample (the batch axis left out); only the last one or two axes differ from the output's.
        if (wants(0))
        {
            var product = c.Emit.Node("MatMul", [dY, Transposed(node.Input[1], b.Length, c)]);
            give(0, ElementwiseAdjoints.SumTo(product, [.. output[..^1], a[^1]], node.Input[0], c));
        }

        if (wants(1))
        {
            var product = c.Emit.Node("MatMul", [Transposed(node.Input[0], a.Length, c), dY]);
            give(1, ElementwiseAdjoints.SumTo(product, [.. output[..^2], b[^2], output[^1]], node.Input[1], c));
        }
    }

    /// <summary>An operand's shape with the batch axis as −1 when it depends on the differentiated tensor; a constant's dims as stored.</summary>
    private static int[] FullShape(NodeProto node, int k, AdjointContext c, Func<int, bool> wants)
    {
        var tensor = node.Input[k];
        var shape = wants(k) ? [-1, .. c.Shape(tensor)]
            : c.IsConstant(tensor) ? c.ConstantDims(tensor).Select(d => (int)d).ToArray()
            : throw c.Unsupported(node, $"its operand '{tensor}' is computed without depending on the differentiated tensor; such an operand must be a constant");
        return shape.Length >= 2
            ? shape
            : throw c.Unsupported(node, $"its operand '{tensor}' is a vector; products of matrices (rank 2 or more) are supported");
    }

    /// <summary>The tensor with its last two axes swapped.</summary>
    private static string Transposed(string tensor, int rank, AdjointContext c)
    {
        var perm = Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
        (perm[^1], perm[^2]) = (perm[^2], perm[^1]);
        return c.Emit.Node("Transpose", [tensor], OnnxAttributes.Ints("perm", perm));
    }
}
