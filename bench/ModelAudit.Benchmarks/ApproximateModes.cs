using System.Diagnostics;
using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Occlusion;

namespace ModelAudit.Benchmarks;

/// <summary>
/// The option sets the occlusion benchmarks compare, and their accuracy: timed rows skip the exact reference
/// (ApproximationSample = 0); setup measures each approximation's SSIM against exact once and prints it.
/// </summary>
internal static class ApproximateModes
{
    public static OcclusionOptions Incremental(OcclusionOptions o) => o with { Mode = OcclusionMode.Incremental };

    public static OcclusionOptions DrillDown(OcclusionOptions o) => Incremental(o) with { DrillDown = new OcclusionDrillDown(), ApproximationSample = 0 };

    public static OcclusionOptions Truncated(OcclusionOptions o) => Incremental(o) with { ProjectiveFieldThreshold = 0.5, ApproximationSample = 0 };

    public static OcclusionOptions Both(OcclusionOptions o) => DrillDown(o) with { ProjectiveFieldThreshold = 0.5 };

    /// <summary>The first-order suffix from where the exact plan splits, or from <paramref name="from"/>.</summary>
    public static OcclusionOptions FirstOrder(OcclusionOptions o, string? from = null) =>
        Incremental(o) with { FirstOrder = new OcclusionFirstOrder { From = from }, ApproximationSample = 0 };

    public static void Report(string model, OcclusionSensitivity occlusion, RgbImage image, OcclusionOptions o, params (string Name, OcclusionOptions Options)[] more)
    {
        var plan = occlusion.PlanFor(Incremental(o));
        Console.WriteLine(plan is null
            ? $"// {model}: incremental plan: none (runs in full)"
            : string.Create(CultureInfo.InvariantCulture, $"// {model}: incremental split after {plan.Split}, {plan.Units.Count} units, cost-model speed-up {plan.EstimatedSpeedUp:0.00}x"));
        var exact = occlusion.Compute(image, Incremental(o));
        var full = occlusion.Compute(image, o);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {model}: incremental vs full, max |attribution difference| {OcclusionMetrics.MaxAbsDifference(exact, full):0.###E+0}; largest drop {full.MaxDrop:0.###E+0}"));
        using (var process = Process.GetCurrentProcess())
        {
            // The whole benchmark process so far: model, ML.NET pipeline, every session and buffer of both paths.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {model}: peak working set after plain and incremental maps: {process.PeakWorkingSet64 / (1024.0 * 1024):0} MB"));
        }

        foreach (var (name, options) in new[] { ("drill-down", DrillDown(o)), ("truncation 0.5", Truncated(o)), ("both", Both(o)) }.Concat(more))
        {
            var watch = Stopwatch.StartNew();
            var map = occlusion.Compute(image, options with { ApproximationSample = 1 });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// {model}: {name}: SSIM vs exact {map.Approximation!.MeanSsim:0.000}, max |difference| {map.Approximation.MaxAbsDifference:0.###E+0} (with reference: {watch.Elapsed.TotalSeconds:0.00} s)"));
        }
    }
}
