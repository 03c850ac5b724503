using System.Globalization;
using System.Text.Json;
using ModelAudit.Occlusion;

namespace ModelAudit.Auditing;

/// <summary>The <c>score</c>, <c>fill</c> and <c>target</c> keys of the occlusion section: parsing and their problems.</summary>
internal static class OcclusionSettings
{
    /// <summary>The named fills; a fill may also be an array of numbers in the model's input space.</summary>
    public static IReadOnlyList<string> FillNames { get; } = ["grey", "black", "mean", "normalised_zero", "blur"];

    /// <summary>The named targets; a target may also be a class index.</summary>
    public static IReadOnlyList<string> TargetNames { get; } = ["label", "predicted"];

    /// <summary>Each score's spelling in configs.</summary>
    public static IReadOnlyDictionary<string, OcclusionScore> Scores { get; } = new Dictionary<string, OcclusionScore>(StringComparer.Ordinal)
    {
        ["probability"] = OcclusionScore.Probability,
        ["logit"] = OcclusionScore.Logit,
        ["log_odds"] = OcclusionScore.LogOdds,
    };

    public static string FillKinds => $"{string.Join(", ", FillNames.Select(n => $"\"{n}\""))} or an array of numbers in the model's input space";

    public static string TargetKinds => $"{string.Join(", ", TargetNames.Select(n => $"\"{n}\""))} or a class index (a whole number from 0)";

    public static OcclusionScore? ParseScore(string? score) => score is not null && Scores.TryGetValue(score, out var kind) ? kind : null;

    /// <summary>The fill for <paramref name="fill"/> (null: grey); <paramref name="window"/> sets the blur's sigma.</summary>
    public static OcclusionFill Fill(JsonElement? fill, int window) => fill switch
    {
        null => OcclusionFill.MidGray,
        { ValueKind: JsonValueKind.Array } values => OcclusionFill.InputValue(values.EnumerateArray().Select(v => v.GetSingle()).ToArray()),
        { } name => name.GetString() switch
        {
            "grey" => OcclusionFill.MidGray,
            "black" => OcclusionFill.Constant(new Imaging.Rgb(0, 0, 0)),
            "mean" or "normalised_zero" => OcclusionFill.NormalisedZero,
            "blur" => OcclusionFill.Blurred(window / 2.0),
            _ => throw new InvalidOperationException("The fill was validated."),
        },
    };

    public static string? FillProblem(JsonElement? fill) => fill switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } name when FillNames.Contains(name.GetString()) => null,
        { ValueKind: JsonValueKind.Array } values when values.GetArrayLength() is 1 or 3
            && values.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && float.IsFinite(v.GetSingle())) => null,
        { } other => $"is {other.GetRawText()}; use {FillKinds} (1 value for every channel, or 3: one per channel in the model's channel order).",
    };

    /// <summary>The fixed class for <paramref name="target"/>, or null for "label" and "predicted".</summary>
    public static int? ClassIndex(JsonElement? target) =>
        target is { ValueKind: JsonValueKind.Number } index ? index.GetInt32() : null;

    public static bool IsPredicted(JsonElement? target) => target is { ValueKind: JsonValueKind.String } t && t.GetString() == "predicted";

    public static string? TargetProblem(JsonElement? target) => target switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } name when TargetNames.Contains(name.GetString()) => null,
        { ValueKind: JsonValueKind.Number } index when index.TryGetInt32(out var i) && i >= 0 => null,
        { } other => $"is {other.GetRawText()}; use {TargetKinds}.",
    };

    /// <summary>How the target reads in the report.</summary>
    public static string DescribeTarget(JsonElement? target, IReadOnlyList<string> classes) =>
        ClassIndex(target) is { } index
            ? $"class {(index < classes.Count ? classes[index] : index.ToString(CultureInfo.InvariantCulture))}"
            : IsPredicted(target) ? "each image's predicted class" : "each image's labelled class";
}
