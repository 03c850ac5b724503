namespace ModelAudit.Invariance;

/// <summary>How one tensor's map follows one transform value, over the images of a run.</summary>
/// <param name="Error">
/// Mean over the images of the equivariance error <c>‖F(Tx) − T′F(x)‖ / ‖T′F(x)‖</c> on the compared pixels: 0 when the
/// map moves exactly as the input did.
/// </param>
/// <param name="ErrorStd">Standard deviation of the equivariance error over the images.</param>
/// <param name="InvarianceError">
/// Mean of <c>‖F(Tx) − F(x)‖ / ‖F(x)‖</c> on the same pixels: how much the map changed where it stands. For a map that
/// moves with its input this is large while <see cref="Error"/> is small.
/// </param>
/// <param name="InvarianceErrorStd">Standard deviation of the invariance error over the images.</param>
/// <param name="ComparedFraction">The share of the map's pixels compared (the same for every image).</param>
public sealed record EquivarianceError(double Error, double ErrorStd, double InvarianceError, double InvarianceErrorStd, double ComparedFraction);
