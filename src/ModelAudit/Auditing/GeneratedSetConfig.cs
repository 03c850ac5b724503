namespace ModelAudit.Auditing;

public sealed record GeneratedSetConfig
{
    public int Seed { get; init; } = 1000;

    public int Count { get; init; } = 64;

    public bool ShortcutMark { get; init; }

    /// <summary>
    /// Where the shortcut mark goes: <c>"corner"</c> (the default: a checker whose colours name the class, top left) or
    /// <c>"per_class"</c> (one black-and-white checker at a place that names the class).
    /// </summary>
    public string MarkPlacement { get; init; } = "corner";

    internal Datasets.MarkPlacement Placement => MarkPlacement == "per_class" ? Datasets.MarkPlacement.PerClass : Datasets.MarkPlacement.Corner;
}
