using ModelAudit.Models.Onnx;

namespace ModelAudit.Gradients.Backward;

/// <summary>Adjoints of the operators that pick parts of a tensor: dY goes back where it was read, zeros elsewhere.</summary>
internal static class IndexingAdjoints
{
    /// <summary>
    /// Slice → dY placed back into zeros of the input's shape: padded back where the step is 1, sent through a constant
    /// one-hot map (<see cref="AxisMap.Selection"/>) along axes with other steps. Bounds are attributes before opset 10
    /// and constant inputs after; they are clamped as the operator clamps them.
    /// </summary>
    public static void Slice(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var shape = c.Shape(node.Input[0]);
        var rank = shape.Length + 1;
        long[]? Bound(string attribute, int input) => c.Emit.Opset < 10
            ? node.GetInts(attribute)
            : node.Input.Count > input && node.Input[input].Length > 0 ? c.ConstantInts(node.Input[input], node) : null;

        var starts = Bound("starts", 1) ?? throw c.Unsupported(node, "it has no starts");
        var ends = Bound("ends", 2) ?? throw c.Unsupported(node, "it has no ends");
        var axes = Bound("axes", 3) ?? Enumerable.Range(0, starts.Length).Select(a => (long)a).ToArray();
        var steps = (c.Emit.Opset < 10 ? null : Bound("steps", 4)) ?? Enumerable.Repeat(1L, starts.Length).ToArray();

        var pads = new long[2 * rank];
        var gradient = dY;
        for (var k = 0; k < axes.Length; k++)
        {
            var axis = (int)(axes[k] < 0 ? axes[k] + rank : axes[k]);
            if (axis == 0)
            {
                if (starts[k] == 0 && ends[k] >= int.MaxValue && steps[k] == 1)
                {
                    continue;
                }

                throw c.Unsupported(node, "it slices the batch axis");
            }

            var dim = shape[axis - 1];
            var picked = Picked(starts[k], ends[k], steps[k], dim);
            if (picked.Count == 0)
            {
                give(0, c.Emit.Node("ConstantOfShape", [c.Emit.Node("Shape", [node.Input[0]])]));
                return;
            }

            if (steps[k] == 1)
            {
                (pads[axis], pads[rank + axis]) = (picked[0], dim - picked[^1] - 1);
            }
            else
            {
                gradient = AxisMap.Selection(axis, dim, picked).Adjoint(gradient, rank, c.Emit);
            }
        }

        give(0, pads.Any(p => p != 0) ? ZeroPad(gradient, pads, c.Emit) : gradient);
    }

    /// <summary>
    /// Split → the gradients of all outputs concatenated back along the split axis, zeros for an output that reaches no
    /// target. The sizes (split attribute or input, num_outputs) need not be read: each output's shape sets its part.
    /// </summary>
    public static void Split(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var rank = c.Shape(node.Input[0]).Length + 1;
        var axis = node.GetInt("axis", 0);
        if ((axis < 0 ? axis + rank : axis) == 0)
        {
            throw c.Unsupported(node, "it splits the batch axis");
        }

        string[] parts = [dY, .. node.Output.Skip(1).Select(c.OutputGradient)];
        give(0, parts.Length == 1 ? dY : c.Emit.Node("Concat", parts, OnnxAttributes.Int("axis", axis)));
    }

    /// <summary>
    /// Gather with constant indices → dY through the transposed one-hot map of the indices along the gathered axis, so
    /// an index that appears twice gets the sum of both gradients. Indices of any rank are flattened onto that axis
    /// first.
    /// </summary>
    public static void Gather(NodeProto node, string dY, AdjointContext c, Func<int, bool> wants, Action<int, string> give)
    {
        var shape = c.Shape(node.Input[0]);
        var rank = shape.Length + 1;
        var axis = (int)node.GetInt("axis", 0);
        axis = axis < 0 ? axis + rank : axis;
        if (axis == 0)
        {
            throw c.Unsupported(node, "it gathers along the batch axis");
        }

        if (!c.IsConstant(node.Input[1]))
        {
            throw c.Unsupported(node, $"its indices '{node.Input[1]}' are computed, not constant");
        }

        var dim = shape[axis - 1];
        var indices = c.ConstantInts(node.Input[1], node).Select(i => i < 0 ? i + dim : i).ToArray();
        if (indices.Any(i => i < 0 || i >= dim))
        {
            throw c.Unsupported(node, $"an index lies outside the {dim} positions of axis {axis}");
        }

        var gathered = dY;
        if (c.ConstantDims(node.Input[1]).Length != 1)
        {
            long[] flat = [0, .. shape[..(axis - 1)].Select(d => (long)d), indices.Length, .. shape[axis..].Select(d => (long)d)];
            gathered = c.Emit.Node("Reshape", [dY, c.Emit.Int64s(flat)]);
        }

        give(0, AxisMap.Selection(axis, dim, indices).Adjoint(gathered, rank, c.Emit));
    }

    /// <summary>
    /// The positions a slice reads along one axis, with start and end clamped as ONNX clamps them for the step's sign.
    /// </summary>
    private static List<long> Picked(long start, long end, long step, long dim)
    {
        if (step == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), "A slice step cannot be 0.");
        }

        start = start < 0 ? start + dim : start;
        end = end < 0 ? end + dim : end;
        (start, end) = step > 0
            ? (Math.Clamp(start, 0, dim), Math.Clamp(end, 0, dim))
            : (Math.Clamp(start, 0, dim - 1), Math.Clamp(end, -1, dim - 1));

        var picked = new List<long>();
        for (var i = start; step > 0 ? i < end : i > end; i += step)
        {
            picked.Add(i);
        }

        return picked;
    }

    /// <summary>
    /// Zeros around <paramref name="x"/>: pads [begin per axis…, end per axis…] as an attribute before opset 11, an
    /// input after.
    /// </summary>
    private static string ZeroPad(string x, long[] pads, GraphEmitter e) => e.Opset >= 11
        ? e.Node("Pad", [x, e.Int64s(pads)])
        : e.Node("Pad", [x], OnnxAttributes.Ints("pads", pads));
}
