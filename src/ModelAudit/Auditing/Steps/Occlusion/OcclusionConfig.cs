using System.ComponentModel;
using System.Text.Json;
using ModelAudit.Occlusion;

namespace ModelAudit.Auditing;

/// <summary>The <c>occlusion</c> audit: occlusion maps of boxed images, gated on how much of their drop lies on the object.</summary>
public sealed record OcclusionConfig : AuditSection
{
    /// <summary>
    /// Side of the grey square, in pixels. Default an eighth of the input's shorter side, at least 4 (8 at 64×64, 28 at
    /// 224×224): about 225 window positions, so about 225 forward passes per image, at any input size.
    /// </summary>
    public int? Window { get; init; }

    /// <summary>Step between window positions, in pixels. Default half the window.</summary>
    public int? Stride { get; init; }

    /// <summary>The window in force for an input of <paramref name="width"/>×<paramref name="height"/>.</summary>
    internal int WindowFor(int width, int height) => Window ?? MapMethods.DefaultWindow(width, height);

    /// <summary>The stride in force for an input of <paramref name="width"/>×<paramref name="height"/>.</summary>
    internal int StrideFor(int width, int height) => Stride ?? Math.Max(1, WindowFor(width, height) / 2);

    /// <summary>
    /// How many images with a box get a map (images without a box do not count); maps cost one forward pass per window
    /// position. Default 16; 0 disables the audit, and its configured checks are reported as not measured.
    /// </summary>
    public int MaxImages { get; init; } = 16;

    /// <summary>Pixels added around the object box when measuring mass inside it (windows smear evidence). Default 2.</summary>
    public int BoxMargin { get; init; } = 2;

    /// <summary>Gate: mean share of positive drop mass inside the object box, 0..1.</summary>
    [ConfigSuggested(0.5)]
    public double? MinMassInside { get; init; }

    /// <summary>
    /// Gate: with <see cref="MinMassInside"/>, the share of images (0..1) whose own mass inside the box reaches it;
    /// without this, the mean over images is gated.
    /// </summary>
    public double? MinPassRate { get; init; }

    /// <summary>Gate: share of images whose map peaks inside the object box, 0..1.</summary>
    public double? MinPointingGame { get; init; }

    /// <summary>
    /// What the map watches for the target class: <c>"log_odds"</c> (the default: log p/(1−p), computed from the
    /// logits), <c>"probability"</c> (Zeiler &amp; Fergus's drop in p) or <c>"logit"</c> (the raw score before softmax).
    /// Log-odds is the gate's default because it keeps moving on a confident model: on the shapes fixtures 7 of 16 clean
    /// probability maps and every PaddleOCR line (p ≥ 0.999999) fall below the signal floor, none in log-odds, while
    /// the verdicts are the same (clean mass inside 0.81, shortcut 0.02).
    /// </summary>
    [ConfigValues(typeof(OcclusionSettings), nameof(OcclusionSettings.Scores))]
    public string Score { get; init; } = "log_odds";

    /// <summary>
    /// What the window shows: <c>"grey"</c> (RGB 128, the default), <c>"black"</c> (RGB 0), <c>"mean"</c> or
    /// <c>"normalised_zero"</c> (0 in the model's input space: the dataset mean the input's mean/std normalise with,
    /// Captum's default baseline), <c>"blur"</c> (a Gaussian blur of the image, sigma half the window), or an array of
    /// numbers in the model's input space (after normalisation), one per channel or one for all.
    /// </summary>
    [ConfigValues(typeof(OcclusionSettings), nameof(OcclusionSettings.FillNames))]
    [ConfigAlso(ConfigAlso.ChannelNumbers)]
    [DefaultValue("grey")]
    public JsonElement? Fill { get; init; }

    /// <summary>
    /// The class whose score is watched: <c>"label"</c> (the default: each image's label), <c>"predicted"</c> (each
    /// image's top-1 class) or a class index.
    /// </summary>
    [ConfigValues(typeof(OcclusionSettings), nameof(OcclusionSettings.TargetNames))]
    [ConfigAlso(ConfigAlso.ClassIndex)]
    [DefaultValue("label")]
    public JsonElement? Target { get; init; }

    /// <summary>
    /// The signal floor, in the units of <see cref="Score"/>: an image whose largest drop in the target's score is
    /// below this is inconclusive (a saturated or indifferent model gives a flat map whose mass is noise), never a
    /// pass. Default: the score's own floor, 0.05 for probability and 0.5 for logit and log-odds
    /// (<see cref="DefaultMinSignal(OcclusionScore)"/>); with a config <c>target</c>, 0.01 for dense and 0.5 for sequence.
    /// </summary>
    public double? MinSignal { get; init; }

    /// <summary>The floor used when <see cref="MinSignal"/> is not set, per score.</summary>
    public static double DefaultMinSignal(OcclusionScore score) => score == OcclusionScore.Probability ? 0.05 : 0.5;

    /// <summary>
    /// The floor used when <see cref="MinSignal"/> is not set, for a config <c>target</c>: 0.01 for a dense target
    /// (a window covers a small part of the region whose mean is watched), 0.5 for a sequence target's log-probability.
    /// </summary>
    public static double DefaultMinSignal(Targets.Target target) => target switch
    {
        Targets.DenseTarget => 0.01,
        Targets.SequenceTarget => 0.5,
        _ => 0,
    };

    /// <summary>The floor in force: <see cref="MinSignal"/>, or the default of the score or of the run's target.</summary>
    internal double SignalFloorFor(Targets.Target? target) => MinSignal ?? (target is null ? DefaultMinSignal(ScoreKind) : DefaultMinSignal(target));

    /// <summary>The floor in force for class scores.</summary>
    internal double SignalFloor => SignalFloorFor(null);

    internal OcclusionScore ScoreKind => OcclusionSettings.ParseScore(Score) ?? OcclusionScore.Probability;

    /// <summary>
    /// Compute the maps by exact incremental inference (<see cref="Occlusion.OcclusionMode.Incremental"/>): the same
    /// maps up to float rounding, faster on deep models. Default false.
    /// </summary>
    public bool Incremental { get; init; }

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("min_mass_inside", MinMassInside, 0, 1);
        check.Threshold("min_pointing_game", MinPointingGame, 0, 1);
        check.Range("min_pass_rate", MinPassRate, 0, 1);
        check.Range("min_signal", MinSignal, 0, ScoreKind == OcclusionScore.Probability ? 1 : 1000);
        if (OcclusionSettings.ParseScore(Score) is null)
        {
            check.Fail("score", $"is '{Score}'; use {ConfigCheck.OneOf(OcclusionSettings.Scores.Keys)}.");
        }

        if (OcclusionSettings.FillProblem(Fill) is { } fill)
        {
            check.Fail("fill", fill);
        }

        if (OcclusionSettings.TargetProblem(Target) is { } target)
        {
            check.Fail("target", target);
        }

        check.Range("max_images", MaxImages, 0, 100_000);
        if (check.Input is { } input && Window is { } window && window > Math.Min(input.Height, input.Width))
        {
            check.Fail("window", $"is {Window}, larger than the {input.Width}×{input.Height} input; use a window smaller than the image (e.g. an eighth of its side).");
        }
        check.Range("box_margin", BoxMargin, 0, 4096);
        if (MinPassRate is not null && MinMassInside is null)
        {
            check.Fail("min_pass_rate", "needs min_mass_inside: it is the share of images whose mass inside the box reaches min_mass_inside.");
        }
        check.Range("window", Window, 1, 4096);
        check.Range("stride", Stride, 1, 4096);
    }
}
