using System.Globalization;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>
/// Gates an image-level measurement (e.g. mass inside the box) over many images: on the mean of the images with signal,
/// or, with a pass rate, on the share of all measured images that meet the threshold. Images below the signal floor
/// are counted and named; when none has signal the check is inconclusive. The worst images are named in the details.
/// </summary>
internal static class ImageGate
{
    private const int Worst = 3;

    /// <summary>Adds the check and returns the mean over the images with signal (NaN when none has).</summary>
    public static double Apply(FinishContext context, string what, IReadOnlyList<ImageOutcome> images, double? threshold, double? minPassRate, string noSignal)
    {
        var withSignal = images.Where(i => i.HasSignal).ToArray();
        var mean = withSignal.Length == 0 ? double.NaN : withSignal.Average(i => i.Value);
        var inconclusive = images.Count - withSignal.Length;
        var notes = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{images.Count} images") };
        if (inconclusive > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{inconclusive} inconclusive ({noSignal}): {Names(images.Where(i => !i.HasSignal))}"));
        }

        if (withSignal.Length > 0)
        {
            notes.Add("lowest " + string.Join(", ", withSignal.OrderBy(i => i.Value).ThenBy(i => i.Position).Take(Worst)
                .Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Id} {i.Value:0.00}"))));
        }

        var details = string.Join("; ", notes);
        if (minPassRate is { } rate && threshold is { } t)
        {
            var name = PassRateName(what, t);
            var passing = withSignal.Count(i => i.Value >= t);
            if (withSignal.Length == 0)
            {
                context.Inconclusive(name, double.NaN, Comparison.AtLeast, rate, details);
            }
            else
            {
                context.Gate(name, passing / (double)images.Count, Comparison.AtLeast, rate, string.Create(CultureInfo.InvariantCulture, $"{passing} of {images.Count} pass; {details}"));
            }
        }
        else if (withSignal.Length == 0)
        {
            context.Inconclusive($"mean {what}", double.NaN, Comparison.AtLeast, threshold, details);
        }
        else
        {
            context.Gate($"mean {what}", mean, Comparison.AtLeast, threshold, details);
        }

        return mean;
    }

    /// <summary>Adds the check <see cref="Apply"/> would have added, as not measured for <paramref name="reason"/>.</summary>
    public static void NotMeasured(FinishContext context, string what, double? threshold, double? minPassRate, string reason)
    {
        if (threshold is null)
        {
            return;
        }

        if (minPassRate is { } rate)
        {
            context.NotMeasured(PassRateName(what, threshold), Comparison.AtLeast, rate, reason);
        }
        else
        {
            context.NotMeasured($"mean {what}", Comparison.AtLeast, threshold, reason);
        }
    }

    /// <summary>Why an audit of boxed images measured none: its <c>max_images</c> is 0, or no image has a box.</summary>
    public static string NoBoxedImages(string audit, int maxImages) => maxImages == 0
        ? $"audits.{audit}.max_images is 0, so no image was measured"
        : "no image has an object box; give boxes in labels.csv (x,y,width,height) or a mask";

    /// <summary>The name of the pass-rate check of <paramref name="what"/>, e.g. "share of images with … of at least 0.5".</summary>
    public static string PassRateName(string what, double? threshold) =>
        string.Create(CultureInfo.InvariantCulture, $"share of images with {what} of at least {threshold:0.##}");

    private static string Names(IEnumerable<ImageOutcome> images)
    {
        var all = images.Select(i => i.Id).ToArray();
        return all.Length <= 5 ? string.Join(", ", all) : string.Join(", ", all.Take(5)) + string.Create(CultureInfo.InvariantCulture, $" and {all.Length - 5} more");
    }
}
