using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>
/// One extra method's trust number (<see cref="MapReliability"/>: RISE's convergence change, LRP's conservation error)
/// on the images a shard measured, with the method's settings in words and the diagnostics every map shares.
/// </summary>
internal sealed record MethodReliability(string Settings, IReadOnlyDictionary<string, double> Constants, IReadOnlyList<ImageOutcome> Values)
{
    /// <summary>The maps' numbers, or null for a method whose maps carry none.</summary>
    public static MethodReliability? Of(MeasureContext context, IReadOnlyList<LabeledImage> images, MapMethod method, IReadOnlyList<AttributionMap> maps)
    {
        if (method.Reliability is not { } r || maps.Count == 0)
        {
            return null;
        }

        return new MethodReliability(
            method.Settings?.Invoke(context.Methods) ?? "",
            r.Constants.Where(maps[0].Diagnostics.ContainsKey).ToDictionary(k => k, k => maps[0].Diagnostics[k], StringComparer.Ordinal),
            maps.Select((map, i) => new ImageOutcome(context.PositionOf(images[i]), images[i].Id, map.Diagnostics.GetValueOrDefault(r.Key, double.NaN), true)).ToArray());
    }

    /// <summary>What a figure caption says about one map, <c>RISE (500 masks): convergence change 0.62 (large).</c>; null for a method without a trust number.</summary>
    public static string? Sentence(MapMethod method, MethodsConfig options, AttributionMap map)
    {
        if (method.Reliability is not { } r || !map.Diagnostics.TryGetValue(r.Key, out var value))
        {
            return null;
        }

        var about = r.Caption is null ? "" : $" ({r.Caption(options, map)})";
        return string.Create(CultureInfo.InvariantCulture, $"{method.Name}{about}: {r.Label} {value:0.00}{(value > r.Large ? " (large)" : "")}.");
    }

    /// <summary>
    /// One method's values from every shard, in run order: its metrics (<c>{method}_{constant}</c>,
    /// <c>{method}_{key}_mean</c>, <c>{method}_{key}_max</c>), its row of the section's table and, when any value is
    /// large, a note for the summary.
    /// </summary>
    public static (Dictionary<string, double> Metrics, IReadOnlyList<string> Row, string? Note) Report(MapMethod method, IReadOnlyList<MethodReliability> shards)
    {
        var r = method.Reliability!;
        var values = shards.SelectMany(s => s.Values).OrderBy(v => v.Position).Select(v => v.Value).Where(double.IsFinite).ToArray();
        var (mean, max) = values.Length == 0 ? (double.NaN, double.NaN) : (values.Average(), values.Max());
        var large = values.Count(v => v > r.Large);
        var metrics = shards[0].Constants.ToDictionary(c => $"{method.Spelling}_{c.Key}", c => c.Value);
        metrics[$"{method.Spelling}_{r.Key}_mean"] = mean;
        metrics[$"{method.Spelling}_{r.Key}_max"] = max;
        IReadOnlyList<string> row =
        [
            method.Name, shards[0].Settings, $"{r.Label}: {r.Meaning}", CellNumber.Format(mean), CellNumber.Format(max),
            string.Create(CultureInfo.InvariantCulture, $"{large} of {values.Length}"), large > 0 ? r.Advice : "–",
        ];
        var note = large == 0 ? null : string.Create(CultureInfo.InvariantCulture,
            $"{method.Name}'s {r.Label} is above {r.Large:0.##} on {large} of {values.Length} images, up to {max:0.00}: {r.Advice}.");
        return (metrics, row, note);
    }
}
