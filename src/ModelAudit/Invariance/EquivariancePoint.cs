namespace ModelAudit.Invariance;

/// <summary>What one transform value does to every measured tensor, averaged over the images.</summary>
/// <param name="Value">The transform value (pixels, factor or degrees).</param>
/// <param name="Tensors">Per measured tensor, its errors at this value.</param>
public sealed record EquivariancePoint(double Value, IReadOnlyDictionary<string, EquivarianceError> Tensors)
{
    public EquivarianceError At(string tensor) => Tensors.TryGetValue(tensor, out var e)
        ? e
        : throw new KeyNotFoundException($"Equivariance was not measured at '{tensor}'. Measured: {string.Join(", ", Tensors.Keys)}.");
}
