namespace ModelAudit.Gradients.Backward;

/// <summary>
/// Resize along one axis as a matrix, computed the way ONNX Runtime computes the forward pass: each output position is
/// mapped to an input coordinate (coordinate_transformation_mode, in single precision like the runtime), which then
/// takes its nearest input (nearest_mode) or its two neighbours with linear weights, clamped to the edge.
/// </summary>
internal static class ResizeAxis
{
    /// <summary>
    /// The rounding of Upsample and of Resize before opset 11: truncated when enlarging, rounded up when shrinking.
    /// </summary>
    public const string LegacyRounding = "legacy";

    /// <summary>The coordinate_transformation_mode values this class maps.</summary>
    public static readonly IReadOnlyList<string> Transforms = ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric", "tf_half_pixel_for_nn"];

    /// <summary>The nearest_mode values of Resize from opset 11.</summary>
    public static readonly IReadOnlyList<string> Roundings = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"];

    /// <summary>
    /// The [<paramref name="outLength"/> × <paramref name="inLength"/>] weights along <paramref name="axis"/>.
    /// <paramref name="scale"/> is the factor the node was given, or out/in when it was given sizes.
    /// </summary>
    public static AxisMap Map(int axis, int inLength, int outLength, float scale, bool linear, string transform, string rounding)
    {
        var weights = new float[outLength * inLength];
        for (var o = 0; o < outLength; o++)
        {
            var x = Original(o, scale, inLength, outLength, transform);
            var row = o * inLength;
            if (!linear)
            {
                weights[row + Math.Clamp(Nearest(x, rounding, scale < 1), 0, inLength - 1)] = 1;
                continue;
            }

            x = Math.Clamp(x, 0f, inLength - 1);
            var low = (int)x;
            var high = Math.Min(low + 1, inLength - 1);
            var t = x - low;
            weights[row + low] += 1 - t;
            weights[row + high] += t;
        }

        return new AxisMap(axis, inLength, outLength, weights);
    }

    private static float Original(int resized, float scale, int inLength, int outLength, string transform)
    {
        float x = resized;
        return transform switch
        {
            "asymmetric" => x / scale,
            "pytorch_half_pixel" => outLength > 1 ? ((x + 0.5f) / scale) - 0.5f : 0f,
            "tf_half_pixel_for_nn" => (x + 0.5f) / scale,
            "align_corners" => outLength == 1 ? 0f : x * (inLength - 1) / (outLength - 1),
            "half_pixel" => ((x + 0.5f) / scale) - 0.5f,
            _ => throw new ArgumentException($"Unknown coordinate_transformation_mode '{transform}'.", nameof(transform)),
        };
    }

    private static int Nearest(float x, string rounding, bool shrinking) => rounding switch
    {
        // Halfway cases go down; Math.Round's AwayFromZero matches C's round() everywhere else.
        "round_prefer_floor" => x == (long)x + 0.5f ? (int)MathF.Floor(x) : (int)MathF.Round(x, MidpointRounding.AwayFromZero),
        "round_prefer_ceil" => (int)MathF.Round(x, MidpointRounding.AwayFromZero),
        "floor" => (int)MathF.Floor(x),
        "ceil" => (int)MathF.Ceiling(x),
        LegacyRounding => shrinking ? (int)MathF.Ceiling(x) : (int)x,
        _ => throw new ArgumentException($"Unknown nearest_mode '{rounding}'.", nameof(rounding)),
    };
}
