using System.Globalization;
using ModelAudit.Invariance;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class EquivarianceStep(EquivarianceConfig config) : AuditStep<EquivariancePartial>
{
    /// <summary>The least invariance error (how much the output changes at all) for the equivariance error to mean anything.</summary>
    private const double MinMovement = 0.05;

    public override EquivariancePartial Measure(MeasureContext context)
    {
        if (!context.IsFirstShard)
        {
            return new EquivariancePartial([], [], 0, null, null, null);
        }

        var images = context.All(config.MaxImages);
        if (images.Count == 0)
        {
            return new EquivariancePartial([], [], 0, null, null, "audits.equivariance.max_images is 0, so no image was measured");
        }

        Equivariance equivariance;
        try
        {
            equivariance = new Equivariance(context.Model);
        }
        catch (ArgumentException ex)
        {
            return new EquivariancePartial([], [], 0, null, null, ex.Message);
        }

        context.Report("equivariance: horizontal shifts");
        var curve = equivariance.Compute(
            Transform.FromValues(TransformKind.TranslateX, config.Shifts.Select(s => (double)s)),
            images.Select(i => i.Image).ToArray(),
            new EquivarianceOptions { Tensors = config.Layers, Margin = config.Margin });
        var shifts = config.Shifts.Select(s => (double)s).ToArray();
        var figure = new ShardFigure(0, new ReportFigure("equivariance", string.Create(CultureInfo.InvariantCulture,
            $"Equivariance error (solid) and invariance error (dashed) of '{curve.Output}'{(config.Layers.Length == 0 ? "" : " and the tapped layers")} under horizontal shifts, mean over {images.Count} images."),
            EquivariancePlot.Render(curve)));
        return new EquivariancePartial(
            shifts.Select(s => curve.ErrorAt(curve.Output, s)).ToArray(),
            shifts.Select(s => curve.InvarianceErrorAt(curve.Output, s)).ToArray(),
            images.Count,
            curve.Output,
            figure,
            null);
    }

    public override void Finish(IReadOnlyList<EquivariancePartial> partials, FinishContext context)
    {
        var measured = partials.FirstOrDefault(p => p.Output is not null);
        var name = string.Create(CultureInfo.InvariantCulture, $"equivariance error of the output under shifts of {string.Join(", ", config.Shifts)} px (largest mean)");
        if (measured is null)
        {
            var reason = partials.Select(p => p.NotMeasured).FirstOrDefault(r => r is not null) ?? "no image was measured";
            context.NotMeasured(name, Comparison.AtMost, config.MaxError, reason);
            context.Add(new ReportSection("Equivariance", $"Not measured: {reason}.", new Dictionary<string, double>(), []));
            return;
        }

        var worst = measured.Errors.Max();
        var moved = measured.InvarianceErrors.Max();
        if (moved < MinMovement)
        {
            // A map that does not change when the input moves (a flat output) cannot show whether it would move with it.
            context.Inconclusive(name, worst, Comparison.AtMost, config.MaxError, string.Create(CultureInfo.InvariantCulture,
                $"the output barely changes under these shifts (invariance error at most {moved:0.000}, below {MinMovement}): there is no moving map to compare"));
        }
        else
        {
            context.Gate(name, worst, Comparison.AtMost, config.MaxError,
                string.Create(CultureInfo.InvariantCulture, $"invariance error at the same shift {measured.InvarianceErrors[measured.Errors.ToList().IndexOf(worst)]:0.000}"));
        }
        var metrics = new Dictionary<string, double> { ["images"] = measured.Images, ["max_error"] = worst };
        for (var i = 0; i < config.Shifts.Length; i++)
        {
            metrics[string.Create(CultureInfo.InvariantCulture, $"error_at_{config.Shifts[i]}")] = measured.Errors[i];
            metrics[string.Create(CultureInfo.InvariantCulture, $"invariance_error_at_{config.Shifts[i]}")] = measured.InvarianceErrors[i];
        }

        context.Add(new ReportSection(
            "Equivariance",
            (
                $"Each image is shifted horizontally and its output map '{measured.Output}' is compared with the original map shifted by the same amount at the map's resolution, over the pixels both cover{(config.Margin > 0 ? $" at least {config.Margin} input px from the border" : "")}: " +
                "a dense model should move its map with the input (small equivariance error), which is not the same as ignoring the shift (invariance error)."),
            metrics,
            [measured.Figure!.Figure]));
    }
}
