using System.Globalization;
using System.Text;

namespace ModelAudit.Baselines;

/// <summary>Writes a <see cref="BaselineResult"/> for people: figures first, then the files, then how to accept.</summary>
internal static class BaselineMessage
{
    public static string Format(BaselineResult result)
    {
        var text = new StringBuilder();
        var name = result.Name.Value;
        text.Append(result.Outcome switch
        {
            BaselineOutcome.Matched => $"Baseline '{name}' matches its verified files.",
            BaselineOutcome.Accepted => $"Baseline '{name}' was accepted: the snapshot is now the verified baseline.",
            BaselineOutcome.Missing => $"Baseline '{name}' has no verified files yet; the received files were written.",
            _ => $"Baseline '{name}' does not match its verified files.",
        }).Append('\n');

        foreach (var image in result.Images.Where(i => result.Outcome == BaselineOutcome.Missing || i.Status != ImageStatus.Matched))
        {
            text.Append(CultureInfo.InvariantCulture, $"  image '{image.Image}': {Describe(image)}\n");
            Paths(text, image.VerifiedPath, image.ReceivedPath, image.DiffPath);
        }

        foreach (var metric in result.MetricDifferences)
        {
            text.Append(CultureInfo.InvariantCulture, $"  metric '{metric.Metric}': {Describe(metric)}\n");
        }

        if (result.MetricDifferences.Count > 0 || result.Outcome == BaselineOutcome.Missing || result.ReceivedPath is not null)
        {
            text.Append("  metrics:\n");
            Paths(text, result.VerifiedPath, result.ReceivedPath, null);
        }

        if (!result.Passed)
        {
            text.Append("Look at the received and diff files, then accept ").Append(AcceptCommand(result))
                .Append(", or re-run with MODELAUDIT_ACCEPT=1 (ignored when CI is set), or copy each .received. file over its .verified. twin.");
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// A command that works pasted as written: from the test project's folder the CLI walks up to the same marker the
    /// test found; a root that was set instead is passed with <c>--root</c>, which works from anywhere.
    /// </summary>
    private static string AcceptCommand(BaselineResult result)
    {
        var name = ShellQuote.Posix(result.Name.Value);
        if (result.RootFoundFrom is { } folder)
        {
            return $"from the test project's folder (or {folder}) with `modelaudit baselines accept {name}`";
        }

        var root = Path.GetDirectoryName(result.VerifiedPath)!;
        return $"with `modelaudit baselines accept --root {ShellQuote.Posix(root)} {name}`";
    }

    private static string Describe(ImageComparison image) => image.Status switch
    {
        ImageStatus.Added => $"new, {Size(image.ReceivedSize)}; no verified picture yet",
        ImageStatus.Removed => "the verified baseline has this image but the snapshot does not",
        ImageStatus.SizeChanged =>
            $"size changed from {Size(image.VerifiedSize)} (verified) to {Size(image.ReceivedSize)} (received); pictures not compared, no diff written",
        _ => string.Create(
            CultureInfo.InvariantCulture,
            $"SSIM {image.Ssim:0.0000}{Tiles(image)}, max pixel difference {image.MaxPixelDifference}, mean {image.MeanPixelDifference:0.000}, {image.DifferingPixels} pixels differ"),
    };

    private static string Tiles(ImageComparison image) => image.WorstTile is not { } worst
        ? string.Empty
        : string.Create(
            CultureInfo.InvariantCulture,
            $" overall, worst tile {worst.Index} (row {worst.Row}, column {worst.Column}, pixels {worst.Box}) SSIM {worst.Ssim:0.0000}, " +
            $"{image.TilesBelowThreshold} of {image.TileCount} tiles below the threshold{(image.TilesBelowThreshold > 0 ? " (framed in blue in the diff)" : string.Empty)}");

    private static string Describe(MetricDifference metric) => metric.Change switch
    {
        MetricChange.Missing => $"missing from the snapshot (verified {Number(metric.Expected)})",
        MetricChange.Added => $"not in the verified baseline (received {Number(metric.Actual)})",
        _ => $"expected {Number(metric.Expected)}, found {Number(metric.Actual)}, difference {Number(Math.Abs(metric.Actual!.Value - metric.Expected!.Value))} " +
             $"exceeds tolerance {Number(metric.Tolerance)}",
    };

    private static void Paths(StringBuilder text, string verified, string? received, string? diff)
    {
        text.Append("    verified: ").Append(verified).Append(File.Exists(verified) ? string.Empty : " (none)").Append('\n');
        if (received is not null)
        {
            text.Append("    received: ").Append(received).Append('\n');
        }

        if (diff is not null)
        {
            text.Append("    diff:     ").Append(diff).Append('\n');
        }
    }

    private static string Size((int Width, int Height)? size) => size is { } s ? $"{s.Width}x{s.Height}" : "none";

    private static string Number(double? value) => value?.ToString("G9", CultureInfo.InvariantCulture) ?? "none";
}
