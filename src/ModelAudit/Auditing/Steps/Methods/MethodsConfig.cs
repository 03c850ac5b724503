namespace ModelAudit.Auditing;

/// <summary>
/// Options of the map methods that the <c>gradients</c>, <c>faithfulness</c> and <c>shortcut</c> sections name: one
/// place for all three, so a method makes the same maps wherever it is named. A method not given keeps its defaults.
/// </summary>
public sealed record MethodsConfig
{
    /// <summary>Layer-wise relevance propagation (<c>"lrp"</c>): which rule each layer gets, and the stabiliser ε.</summary>
    public LrpConfig Lrp { get; init; } = new();

    /// <summary>RISE (<c>"rise"</c>): how many random masks, how coarse they are, how often a cell shows the image, and their seed.</summary>
    public RiseConfig Rise { get; init; } = new();

    internal void Validate(InputConfig? input)
    {
        Lrp.Validate(new ConfigCheck("methods.lrp", input));
        Rise.Validate(new ConfigCheck("methods.rise", input));
    }
}
