namespace ModelAudit.Models;

/// <summary>
/// How a quantized constant becomes float weights: (<see cref="Data"/> − <see cref="ZeroPoint"/>) × the product of
/// <see cref="Scales"/>, each scale one value (per tensor) or one per slice along <see cref="Axis"/> (per channel).
/// </summary>
/// <param name="Data">The integer constant.</param>
/// <param name="Scales">Constant scale tensors, multiplied (a QLinearConv bias is scaled by x_scale × w_scale).</param>
/// <param name="ZeroPoint">The constant zero point; null means 0.</param>
/// <param name="Axis">The per-channel axis of <see cref="Data"/>, when a scale has more than one value.</param>
internal sealed record Dequantization(string Data, IReadOnlyList<string> Scales, string? ZeroPoint, int Axis);
