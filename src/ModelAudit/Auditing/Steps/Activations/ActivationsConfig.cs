namespace ModelAudit.Auditing;

/// <summary>The <c>activations</c> audit: per-channel statistics of chosen layers over probe images, and dead channels.</summary>
public sealed record ActivationsConfig : AuditSection
{
    /// <summary>Tensor names; default the first conv's output.</summary>
    public IReadOnlyList<string>? Layers { get; init; }

    /// <summary>Gate: largest share of channels per layer that never fire on the images, 0..1.</summary>
    [ConfigSuggested(0.1)]
    public double? MaxDeadChannelFraction { get; init; }

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("max_dead_channel_fraction", MaxDeadChannelFraction, 0, 1);
        if (Layers is { Count: 0 })
        {
            check.Fail("layers", "is empty; name one or more tensors (see 'modelaudit inspect MODEL'), or leave the key out for the first conv's output.");
        }
        else if (Layers is { } layers && layers.Distinct(StringComparer.Ordinal).Count() != layers.Count)
        {
            check.Fail("layers", $"names a tensor twice: {string.Join(", ", layers)}.");
        }
    }
}
