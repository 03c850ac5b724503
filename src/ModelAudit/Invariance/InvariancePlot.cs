using System.Globalization;
using ModelAudit.Imaging;
using ScottPlot;

namespace ModelAudit.Invariance;

/// <summary>
/// Draws a curve as three panels side by side, after Zeiler and Fergus' Fig. 5: feature distance at the lowest
/// layer, at the top layer, and P(target class) with top-1 agreement, each against the transform value.
/// </summary>
public static class InvariancePlot
{
    private static readonly object Gate = new();

    public static RgbImage Render(InvarianceCurve curve, int panelWidth = 420, int panelHeight = 340)
    {
        if (panelWidth < 200 || panelHeight < 150)
        {
            throw new ArgumentOutOfRangeException(nameof(panelWidth), $"Panels of {panelWidth}x{panelHeight} are too small for readable axes; use at least 200x150.");
        }

        var xs = curve.Points.Select(p => p.Value).ToArray();
        var name = curve.Transform.Name;
        var panels = new List<RgbImage>();
        if (curve.Layers.Count > 0)
        {
            panels.Add(DistancePanel(curve, xs, curve.FirstLayer, $"{name}: layer 1 ({curve.FirstLayer})", panelWidth, panelHeight));
            panels.Add(DistancePanel(curve, xs, curve.TopLayer, $"{name}: top layer ({curve.TopLayer})", panelWidth, panelHeight));
        }

        panels.Add(OutputPanel(curve, xs, panelWidth, panelHeight));
        return TileGrid.Compose(panels, columns: panels.Count, gap: 4);
    }

    private static RgbImage DistancePanel(InvarianceCurve curve, double[] xs, string layer, string title, int w, int h)
    {
        var ys = curve.Points.Select(p => p.DistanceAt(layer)).ToArray();
        return Draw(w, h, plot =>
        {
            var line = plot.Add.Scatter(xs, ys, Colors.C0);
            line.LineWidth = 2;
            line.MarkerSize = 6;
            plot.Title(title, 13);
            plot.XLabel(curve.Transform.AxisLabel, 12);
            plot.YLabel("‖f(Tx) − f(x)‖ / ‖f(x)‖", 12);
            // A small margin below zero keeps the identity point (distance 0) off the frame.
            var top = Math.Max(ys.Max() * 1.1, 1e-3);
            plot.Axes.SetLimitsY(-0.03 * top, top);
        });
    }

    private static RgbImage OutputPanel(InvarianceCurve curve, double[] xs, int w, int h)
    {
        var mean = curve.Points.Select(p => p.TargetProbability).ToArray();
        var lower = curve.Points.Select(p => Math.Max(0, p.TargetProbability - p.TargetProbabilityStd)).ToArray();
        var upper = curve.Points.Select(p => Math.Min(1, p.TargetProbability + p.TargetProbabilityStd)).ToArray();
        var agreement = curve.Points.Select(p => p.Top1Agreement).ToArray();
        var target = curve.TargetsFromLabels ? "true class" : "predicted class";
        return Draw(w, h, plot =>
        {
            var band = plot.Add.FillY(xs, lower, upper);
            band.FillColor = Colors.C1.WithAlpha(0.2);
            band.LineColor = Colors.Transparent;
            band.LegendText = "± 1 std";
            var p = plot.Add.Scatter(xs, mean, Colors.C1);
            p.LineWidth = 2;
            p.MarkerSize = 6;
            p.LegendText = $"P({target})";
            var a = plot.Add.Scatter(xs, agreement, Colors.C2);
            a.LineWidth = 2;
            a.MarkerSize = 6;
            a.LinePattern = LinePattern.Dashed;
            a.LegendText = "top-1 agreement";
            plot.Title(string.Create(CultureInfo.InvariantCulture, $"{curve.Transform.Name}: output ({curve.ImageCount} images)"), 13);
            plot.XLabel(curve.Transform.AxisLabel, 12);
            plot.YLabel("probability / fraction", 12);
            plot.Axes.SetLimitsY(-0.02, 1.12);
            // Outside the data area: P and agreement span the whole height, so any corner would hide points.
            plot.ShowLegend(Edge.Bottom);
        });
    }

    private static RgbImage Draw(int w, int h, Action<Plot> build)
    {
        // ScottPlot's font registry is global; keep one plot at a time so registration and drawing never race.
        lock (Gate)
        {
            Imaging.Fonts.RegisterPlotFonts();
            using var plot = new Plot();
            build(plot);
            if (plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().All(s => s.Data.GetScatterPoints().Count < 2))
            {
                // A single sampled value has no width; widen the axis so the point is not on the frame.
                var x = plot.Axes.GetLimits();
                plot.Axes.SetLimitsX(x.Left - 1, x.Right + 1);
            }

            return ImageCodec.Decode(plot.GetImageBytes(w, h, ImageFormat.Png), "invariance plot");
        }
    }
}
