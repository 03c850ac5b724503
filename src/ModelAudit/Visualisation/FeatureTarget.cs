namespace ModelAudit.Visualisation;

/// <summary>
/// What <see cref="ActivationMaximisation"/> maximises: a class logit (before any softmax) or the mean of one channel
/// of a layer. Made with <see cref="Class"/> or <see cref="Channel"/>; checked against the model when used.
/// </summary>
public sealed record FeatureTarget
{
    private FeatureTarget(int? classIndex, string? layer, int? channelIndex) =>
        (ClassIndex, Layer, ChannelIndex) = (classIndex, layer, channelIndex);

    /// <summary>The class whose logit is maximised; null for a channel target.</summary>
    public int? ClassIndex { get; }

    /// <summary>The layer of a channel target, a tensor or Conv node name; null for a class target.</summary>
    public string? Layer { get; }

    /// <summary>The channel of <see cref="Layer"/> whose mean is maximised; null for a class target.</summary>
    public int? ChannelIndex { get; }

    /// <summary>The logit of class <paramref name="classIndex"/>.</summary>
    public static FeatureTarget Class(int classIndex) => new(classIndex, null, null);

    /// <summary>The mean of channel <paramref name="channelIndex"/> of <paramref name="layer"/> (tensor or Conv node name).</summary>
    public static FeatureTarget Channel(string layer, int channelIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(layer);
        return new(null, layer, channelIndex);
    }

    public override string ToString() => ClassIndex is { } k ? $"class {k}" : $"{Layer}[{ChannelIndex}]";
}
