namespace ModelAudit.Filters;

/// <summary>Two filters (<paramref name="First"/> &lt; <paramref name="Second"/>) whose weights are nearly parallel.</summary>
public readonly record struct DuplicatePair(int First, int Second, double Cosine)
{
    public override string ToString() => FormattableString.Invariant($"{First}~{Second} (cos {Cosine:0.000})");
}
