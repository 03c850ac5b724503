using ModelAudit.Snapshots;

namespace ModelAudit.Invariance;

/// <summary>
/// How a model's outputs and features change as one transform sweeps its values over a set of images: per value,
/// P(target class), top-1 agreement with the untransformed prediction and normalised feature distance per layer.
/// </summary>
public sealed record InvarianceCurve : ISnapshotSource
{
    internal InvarianceCurve(string model, Transform transform, int imageCount, bool targetsFromLabels, IReadOnlyList<string> layers, IReadOnlyList<InvariancePoint> points)
    {
        Model = model;
        Transform = transform;
        ImageCount = imageCount;
        TargetsFromLabels = targetsFromLabels;
        Layers = layers;
        Points = points;
    }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    public Transform Transform { get; }

    public int ImageCount { get; }

    /// <summary>True when the target class came from labels; false when it was the untransformed top-1.</summary>
    public bool TargetsFromLabels { get; }

    /// <summary>The tensors feature distance was measured at, lowest first.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>One point per swept value, ascending.</summary>
    public IReadOnlyList<InvariancePoint> Points { get; }

    public IEnumerable<double> Values => Points.Select(p => p.Value);

    /// <summary>The lowest measured layer (default: the first conv output).</summary>
    public string FirstLayer => Layers.Count > 0 ? Layers[0] : throw new InvalidOperationException("No layers were measured.");

    /// <summary>The highest measured layer (default: the penultimate tensor).</summary>
    public string TopLayer => Layers.Count > 0 ? Layers[^1] : throw new InvalidOperationException("No layers were measured.");

    public double Top1AgreementAt(double value) => InvarianceMetrics.At(this, value, p => p.Top1Agreement);

    public double TargetProbabilityAt(double value) => InvarianceMetrics.At(this, value, p => p.TargetProbability);

    public double DistanceAt(string layer, double value) => InvarianceMetrics.At(this, value, p => p.DistanceAt(layer));

    /// <inheritdoc cref="InvarianceMetrics.LargestRangeKeepingTop1"/>
    public ValueRange? LargestRangeKeepingTop1(double minAgreement = 1.0) => InvarianceMetrics.LargestRangeKeepingTop1(this, minAgreement);

    /// <inheritdoc cref="InvarianceMetrics.LargestRangeWhere"/>
    public ValueRange? LargestRangeWhere(Func<InvariancePoint, bool> holds) => InvarianceMetrics.LargestRangeWhere(this, holds);

    /// <summary>Indented JSON with sorted keys and invariant numbers.</summary>
    public string ToJson() => InvarianceJson.Write(this);

    public Snapshot ToSnapshot() =>
        Snapshot.Of(InvarianceJson.Metrics(this, prefix: ""), ("plot", InvariancePlot.Render(this)));
}
