using System.Globalization;
using ModelAudit.Imaging;
using ScottPlot;

namespace ModelAudit.Faithfulness;

/// <summary>
/// Draws a <see cref="PerturbationCurveResult"/> as two panels side by side, deletion then insertion: each image's
/// curve as a thin line, the mean curve thick on top, score against the fraction of pixels removed or restored. A
/// faithful map's deletion curve drops early and its insertion curve rises early. Reads the result only.
/// </summary>
public static class PerturbationCurvePlot
{
    private static readonly object Gate = new();

    /// <summary>The two panels, each <paramref name="panelWidth"/>×<paramref name="panelHeight"/> pixels, in a tile grid.</summary>
    public static RgbImage Render(PerturbationCurveResult result, int panelWidth = 440, int panelHeight = 360)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (panelWidth < 240 || panelHeight < 200)
        {
            throw new ArgumentOutOfRangeException(nameof(panelWidth), $"Panels of {panelWidth}x{panelHeight} are too small for readable axes; use at least 240x200.");
        }

        var xs = result.Fractions.ToArray();
        var deletion = Panel(result, xs, result.Images.Select(i => i.Deletion), result.MeanDeletion,
            $"Deletion: normalised AUC {Format(result.DeletionAuc)}", "fraction of pixels removed, most evidence first", panelWidth, panelHeight);
        var insertion = Panel(result, xs, result.Images.Select(i => i.Insertion), result.MeanInsertion,
            $"Insertion: normalised AUC {Format(result.InsertionAuc)}", "fraction of pixels restored, most evidence first", panelWidth, panelHeight);
        return TileGrid.Compose([deletion, insertion], columns: 2, gap: 4);
    }

    private static string Format(double auc) => double.IsNaN(auc) ? "not measured" : auc.ToString("0.00", CultureInfo.InvariantCulture);

    private static RgbImage Panel(PerturbationCurveResult result, double[] xs, IEnumerable<IReadOnlyList<double>> curves, IReadOnlyList<double> mean, string title, string xLabel, int w, int h)
    {
        lock (Gate)
        {
            // ScottPlot's font registry is global; keep one plot at a time so registration and drawing never race.
            Imaging.Fonts.RegisterPlotFonts();
            using var plot = new Plot();
            var (low, high) = (0.0, 1e-3);
            var first = true;
            foreach (var curve in curves)
            {
                var line = plot.Add.Scatter(xs, curve.ToArray(), Colors.C0.WithAlpha(0.35));
                line.LineWidth = 1;
                line.MarkerSize = 0;
                line.LegendText = first ? "one image" : "";
                (low, high, first) = (Math.Min(low, curve.Min()), Math.Max(high, curve.Max()), false);
            }

            if (mean.Count > 0)
            {
                var thick = plot.Add.Scatter(xs, mean.ToArray(), Colors.C3);
                thick.LineWidth = 3;
                thick.MarkerSize = 5;
                thick.LegendText = string.Create(CultureInfo.InvariantCulture, $"mean of {result.ImageCount}");
            }

            plot.Title($"{title}\n{result.Method}, {result.FillName} fill", 13);
            plot.XLabel(xLabel, 12);
            plot.YLabel(result.Score == "probability" ? "probability of the target class" : result.Score, 12);
            plot.Axes.SetLimitsX(-0.02, 1.02);
            var margin = 0.04 * (high - low);
            plot.Axes.SetLimitsY(low - margin, high + margin);
            // Below the data area: the curves cross the whole panel, so any corner could hide them.
            plot.ShowLegend(Edge.Bottom);
            return ImageCodec.Decode(plot.GetImageBytes(w, h, ImageFormat.Png), "perturbation curve plot");
        }
    }
}
