namespace ModelAudit.Activations;

/// <summary>Options for <see cref="TopActivationSearch.Compute"/>.</summary>
public sealed record TopActivationOptions
{
    /// <summary>Probe images shown per channel (Zeiler &amp; Fergus show 9). Default 9.</summary>
    public int K { get; init; } = 9;

    /// <summary>Channels to keep; null keeps every channel. Default null.</summary>
    public IReadOnlyList<int>? Channels { get; init; }

    internal void Validate()
    {
        if (K < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(K), K, $"K must be at least 1, but was {K}.");
        }
    }
}
