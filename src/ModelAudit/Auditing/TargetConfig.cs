namespace ModelAudit.Auditing;

/// <summary>
/// The <c>target</c> section: what occlusion and the gradient methods measure. <c>kind</c> is <c>class</c> (the
/// default without this section), <c>dense</c> (mean of an output channel inside each image's box or mask),
/// <c>sequence</c> (CTC log-probability of each image's text, or of the decoded text) or <c>detection</c> (score of
/// the best detection overlapping each image's box, from an output [K, 5] or [K, 6]).
/// </summary>
public sealed record TargetConfig
{
    /// <summary>What the output holds: <c>class</c> scores, a <c>dense</c> map, a CTC <c>sequence</c> or <c>detection</c>s.</summary>
    [ConfigValues(typeof(TargetConfig), nameof(Kinds))]
    public string Kind { get; init; } = "class";

    /// <summary>The output read, by name; default the model's first.</summary>
    public string? Output { get; init; }

    /// <summary>dense: the output channel. Default 0.</summary>
    public int Channel { get; init; }

    /// <summary>dense: <c>mean</c> (default) or <c>sum</c>.</summary>
    [ConfigValues(typeof(TargetConfig), nameof(Reductions))]
    public string Reduction { get; init; } = "mean";

    /// <summary>sequence: the charset file, one character per line (relative to the config).</summary>
    public string? Charset { get; init; }

    /// <summary>sequence: a space follows the charset's characters (PaddleOCR). Default true.</summary>
    public bool Space { get; init; } = true;

    /// <summary>sequence: the blank class. Default 0.</summary>
    public int Blank { get; init; }

    /// <summary>detection: the least IoU with the image's box. Default 0.5.</summary>
    public double MinIou { get; init; } = 0.5;

    /// <summary>detection: only detections of this class count (outputs [K, 6]); default any.</summary>
    public int? Class { get; init; }

    /// <summary>detection: <c>corners</c> (x1, y1, x2, y2; default) or <c>centre</c> (cx, cy, w, h).</summary>
    [ConfigValues(typeof(TargetConfig), nameof(Layouts))]
    public string Layout { get; init; } = "corners";

    /// <summary>detection: boxes are fractions of the input size rather than pixels.</summary>
    public bool Normalised { get; init; }

    /// <summary>Each kind's spelling, and what it is for (in the error that names a wrong kind).</summary>
    internal static IReadOnlyDictionary<string, string> Kinds { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["class"] = "class scores",
        ["dense"] = "segmentation, text detection: mean of an output channel in each image's box",
        ["sequence"] = "CTC recognisers",
        ["detection"] = "detections [K, 5] or [K, 6]",
    };

    internal static IReadOnlyDictionary<string, string> Reductions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mean"] = "the mean over the region",
        ["sum"] = "the sum over the region",
    };

    internal static IReadOnlyDictionary<string, string> Layouts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["corners"] = "x1, y1, x2, y2",
        ["centre"] = "cx, cy, w, h",
    };
}
