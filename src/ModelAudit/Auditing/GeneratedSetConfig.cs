namespace ModelAudit.Auditing;

/// <summary>A generated set of the synthetic shapes the bundled models were trained on, with labels, boxes and masks.</summary>
public sealed record GeneratedSetConfig
{
    /// <summary>The seed: the same seed always gives the same pixels.</summary>
    public int Seed { get; init; } = 1000;

    /// <summary>How many images; labels cycle circle, square, triangle, cross.</summary>
    public int Count { get; init; } = 64;

    /// <summary>Draw the shortcut mark the shortcut fixture model learned.</summary>
    public bool ShortcutMark { get; init; }

    /// <summary>
    /// Where the shortcut mark goes: <c>"corner"</c> (the default: a checker whose colours name the class, top left) or
    /// <c>"per_class"</c> (one black-and-white checker at a place that names the class).
    /// </summary>
    [ConfigValues(typeof(GeneratedSetConfig), nameof(MarkPlacements))]
    public string MarkPlacement { get; init; } = "corner";

    /// <summary>The spelling of each mark placement in configs.</summary>
    internal static IReadOnlyDictionary<string, Datasets.MarkPlacement> MarkPlacements { get; } = new Dictionary<string, Datasets.MarkPlacement>(StringComparer.Ordinal)
    {
        ["corner"] = Datasets.MarkPlacement.Corner,
        ["per_class"] = Datasets.MarkPlacement.PerClass,
    };

    /// <summary>
    /// How each object is filled: <c>"solid"</c> (the default: one flat colour) or <c>"per_class_texture"</c> (stripes, a
    /// checker or dots that name the class, as the texture fixture model learned them; the same scenes otherwise).
    /// </summary>
    [ConfigValues(typeof(GeneratedSetConfig), nameof(ObjectFills))]
    public string ObjectFill { get; init; } = "solid";

    /// <summary>The spelling of each object fill in configs.</summary>
    internal static IReadOnlyDictionary<string, Datasets.ObjectFill> ObjectFills { get; } = new Dictionary<string, Datasets.ObjectFill>(StringComparer.Ordinal)
    {
        ["solid"] = Datasets.ObjectFill.Solid,
        ["per_class_texture"] = Datasets.ObjectFill.PerClassTexture,
    };

    internal Datasets.ObjectFill Fill => ObjectFills.GetValueOrDefault(ObjectFill, Datasets.ObjectFill.Solid);

    internal Datasets.MarkPlacement Placement => MarkPlacements.GetValueOrDefault(MarkPlacement, Datasets.MarkPlacement.Corner);
}
