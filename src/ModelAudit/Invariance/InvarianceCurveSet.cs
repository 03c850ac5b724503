using ModelAudit.Snapshots;

namespace ModelAudit.Invariance;

/// <summary>Several curves of one model, e.g. translation, scale and rotation, kept and baselined together.</summary>
public sealed record InvarianceCurveSet : ISnapshotSource
{
    public InvarianceCurveSet(IReadOnlyList<InvarianceCurve> curves)
    {
        var names = curves.Select(c => c.Transform.Name).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException($"A curve set holds one curve per transform; got {string.Join(", ", names)}.", nameof(curves));
        }

        Curves = curves.ToArray();
    }

    public IReadOnlyList<InvarianceCurve> Curves { get; }

    public InvarianceCurve this[TransformKind kind] => Curves.FirstOrDefault(c => c.Transform.Kind == kind)
        ?? throw new KeyNotFoundException($"The set has no {kind} curve; it has {string.Join(", ", Curves.Select(c => c.Transform.Name))}.");

    public string ToJson() => InvarianceJson.Write(this);

    public Snapshot ToSnapshot()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var curve in Curves)
        {
            foreach (var (key, value) in InvarianceJson.Metrics(curve, prefix: curve.Transform.Name + "."))
            {
                metrics[key] = value;
            }
        }

        return new Snapshot(metrics, Curves.ToDictionary(c => c.Transform.Name, c => InvariancePlot.Render(c), StringComparer.Ordinal));
    }
}
