using System.Globalization;
using ModelAudit.Imaging;
using ScottPlot;

namespace ModelAudit.Invariance;

/// <summary>
/// Draws an <see cref="EquivarianceCurve"/>: per measured tensor, one colour, the equivariance error as a solid line
/// (with a ±1 std band over the images) and the invariance error as a dashed line, against the transform value. A map
/// that moves with its input lies low on the solid line and high on the dashed one.
/// </summary>
public static class EquivariancePlot
{
    private static readonly object Gate = new();

    public static RgbImage Render(EquivarianceCurve curve, int width = 760, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (width < 360 || height < 260)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A plot of {width}x{height} is too small for readable axes and legend; use at least 360x260.");
        }

        var xs = curve.Points.Select(p => p.Value).ToArray();
        lock (Gate)
        {
            // ScottPlot's font registry is global; keep one plot at a time so registration and drawing never race.
            Imaging.Fonts.RegisterPlotFonts();
            using var plot = new Plot();
            var top = 1e-3;
            for (var k = 0; k < curve.Tensors.Count; k++)
            {
                var tensor = curve.Tensors[k].Name;
                var colour = Colors.Category10[k % Colors.Category10.Length];
                var errors = curve.Points.Select(p => p.At(tensor)).ToArray();
                var band = plot.Add.FillY(xs, errors.Select(e => Math.Max(0, e.Error - e.ErrorStd)).ToArray(), errors.Select(e => e.Error + e.ErrorStd).ToArray());
                band.FillColor = colour.WithAlpha(0.15);
                band.LineColor = Colors.Transparent;
                var equivariance = plot.Add.Scatter(xs, errors.Select(e => e.Error).ToArray(), colour);
                equivariance.LineWidth = 2.5f;
                equivariance.MarkerSize = 7;
                equivariance.LegendText = $"{tensor}: equivariance";
                var invariance = plot.Add.Scatter(xs, errors.Select(e => e.InvarianceError).ToArray(), colour);
                invariance.LineWidth = 2;
                invariance.LinePattern = LinePattern.Dashed;
                invariance.MarkerSize = 5;
                invariance.MarkerShape = MarkerShape.OpenCircle;
                invariance.LegendText = $"{tensor}: invariance";
                top = Math.Max(top, errors.Max(e => Math.Max(e.Error + e.ErrorStd, e.InvarianceError)));
            }

            plot.Title(string.Create(CultureInfo.InvariantCulture, $"{curve.Model}: {curve.Transform.Name} ({curve.ImageCount} images)"), 15);
            plot.XLabel(curve.Transform.AxisLabel, 14);
            plot.YLabel("relative error on compared pixels", 14);
            plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
            plot.Axes.Left.TickLabelStyle.FontSize = 13;
            // A small margin below zero keeps points at zero error off the frame.
            plot.Axes.SetLimitsY(-0.03 * top * 1.1, top * 1.1);
            if (xs.Length == 1)
            {
                // A single value has no width; widen the axis so the point is not on the frame.
                plot.Axes.SetLimitsX(xs[0] - 1, xs[0] + 1);
            }

            // Below the data area: errors rise towards both ends of a sweep, so any corner could hide points.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = 13;
            return ImageCodec.Decode(plot.GetImageBytes(width, height, ImageFormat.Png), "equivariance plot");
        }
    }
}
