namespace ModelAudit.Auditing;

/// <summary>
/// The <c>faithfulness</c> audit: does each map method track what the model uses? Deletion and insertion curves
/// (with ROAD's noisy linear imputation by default), faithfulness correlation, complexity, and the efficient
/// randomisation check, per method, against two controls that cannot be faithful (a seeded random map and the image's
/// Sobel edges). Gated by default: every method's relevance gain (insertion − deletion AUC) must beat both controls',
/// and its maps must change when the weights are randomised.
/// </summary>
public sealed record FaithfulnessConfig : AuditSection
{
    /// <summary>
    /// The map methods measured (<c>"saliency"</c>, <c>"grad_cam"</c>, <c>"occlusion"</c>, …); RISE's and LRP's options
    /// are the top-level <c>methods</c> section's. Default saliency and Grad-CAM.
    /// </summary>
    [ConfigValues(typeof(MapMethods), nameof(MapMethods.Names))]
    public string[] Methods { get; init; } = ["saliency", "grad_cam"];

    /// <summary>Images measured (the first of the run). Default 8; 0 disables the audit.</summary>
    public int MaxImages { get; init; } = 8;

    /// <summary>Points of each deletion and insertion curve after the start (1/steps of the pixels per step). Default 16.</summary>
    public int Steps { get; init; } = 16;

    /// <summary>What a removed pixel shows: <c>"noisy_linear"</c> (the default: ROAD), <c>"mean"</c>, <c>"blur"</c> or <c>"zero"</c>.</summary>
    [ConfigValues(typeof(FaithfulnessConfig), nameof(Fills))]
    public string Fill { get; init; } = "noisy_linear";

    /// <summary>
    /// Gate (on by default): each method's relevance gain (normalised insertion − deletion AUC) must exceed the better
    /// control's (random map, Sobel edges) by at least this much. Default 0. Set null to only report it.
    /// </summary>
    [ConfigSuggested(0)]
    public double? MinMarginOverControls { get; init; } = 0;

    /// <summary>Gate: each method's mean normalised insertion AUC, 0..1 (1: the top-ranked pixels alone restore the score).</summary>
    public double? MinInsertionAuc { get; init; }

    /// <summary>Gate: each method's mean normalised deletion AUC, 0..1 (0: removing the top-ranked pixels first kills the score at once).</summary>
    public double? MaxDeletionAuc { get; init; }

    /// <summary>With <see cref="MinInsertionAuc"/>: gate the share of images (0..1) whose own insertion AUC reaches it instead of the mean.</summary>
    public double? MinPassRate { get; init; }

    /// <summary>
    /// Gate (on by default): the efficient randomisation check — with every layer's weights randomised, each method's
    /// maps must correlate with the trained model's (Spearman, mean over images) at most this much. Default 0.6, as
    /// the cascading check's assertion. Set null to skip it.
    /// </summary>
    [ConfigSuggested(0.6)]
    public double? MaxRandomisationCorrelation { get; init; } = 0.6;

    /// <summary>Gate: each method's mean faithfulness correlation (Bhatt et al.), -1..1. Default none (reported).</summary>
    public double? MinFaithfulnessCorrelation { get; init; }

    /// <summary>
    /// Gate: each method's mean max-sensitivity (Yeh et al.): the largest relative change of the map under 8 small noise
    /// draws (±2 % of the pixel range). Costs 8 maps per image, so it runs only when set.
    /// </summary>
    public double? MaxSensitivity { get; init; }

    /// <summary>Each fill's spelling in configs.</summary>
    internal static IReadOnlyDictionary<string, Faithfulness.PerturbationFill> Fills { get; } = new Dictionary<string, Faithfulness.PerturbationFill>(StringComparer.Ordinal)
    {
        ["noisy_linear"] = Faithfulness.PerturbationFill.NoisyLinear,
        ["mean"] = Faithfulness.PerturbationFill.Mean,
        ["blur"] = Faithfulness.PerturbationFill.Blur,
        ["zero"] = Faithfulness.PerturbationFill.Zero,
    };

    internal Faithfulness.PerturbationFill FillKind => Fills.GetValueOrDefault(Fill, Faithfulness.PerturbationFill.NoisyLinear);

    internal override void Validate(ConfigCheck check)
    {
        if (Methods.Length == 0)
        {
            check.Fail("methods", $"is empty; name at least one of {MapMethods.Spellings}.");
        }

        if (Methods.FirstOrDefault(m => !MapMethods.Names.ContainsKey(m)) is { } unknown)
        {
            check.Fail("methods", $"names '{unknown}'; use {MapMethods.Spellings}.");
        }

        if (!Fills.ContainsKey(Fill))
        {
            check.Fail("fill", $"is '{Fill}'; use {ConfigCheck.OneOf(Fills.Keys)}.");
        }

        check.Range("max_images", MaxImages, 0, 10_000);
        check.Range("steps", Steps, 2, 1024);
        check.Threshold("min_margin_over_controls", MinMarginOverControls, -1, 1);
        check.Threshold("min_insertion_auc", MinInsertionAuc, -1, 2);
        check.Threshold("max_deletion_auc", MaxDeletionAuc, -1, 2);
        check.Range("min_pass_rate", MinPassRate, 0, 1);
        if (MinPassRate is not null && MinInsertionAuc is null)
        {
            check.Fail("min_pass_rate", "needs min_insertion_auc: it is the share of images whose insertion AUC reaches it.");
        }

        check.Threshold("max_randomisation_correlation", MaxRandomisationCorrelation, -1, 1);
        check.Threshold("min_faithfulness_correlation", MinFaithfulnessCorrelation, -1, 1);
        check.Threshold("max_sensitivity", MaxSensitivity, 0, 1000);
    }
}
