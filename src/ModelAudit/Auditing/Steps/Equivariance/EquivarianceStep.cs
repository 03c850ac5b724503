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
            return new EquivariancePartial([], 0, null, null);
        }

        var images = context.All(config.MaxImages);
        if (images.Count == 0)
        {
            return new EquivariancePartial([], 0, null, "audits.equivariance.max_images is 0, so no image was measured");
        }

        Equivariance equivariance;
        try
        {
            equivariance = new Equivariance(context.Model);
        }
        catch (ArgumentException ex)
        {
            return new EquivariancePartial([], 0, null, ex.Message);
        }

        var sweeps = new List<EquivarianceSweep>();
        string? output = null;
        var transforms = Transforms().ToArray();
        foreach (var (name, kind, values) in transforms)
        {
            context.Advance(sweeps.Count, transforms.Length, "sweeps");
            var curve = equivariance.Compute(Transform.FromValues(kind, values), images.Select(i => i.Image).ToArray(), new EquivarianceOptions { Tensors = config.Layers, Margin = config.Margin });
            output = curve.Output;
            var figure = new ShardFigure(0, new ReportFigure($"equivariance-{kind.ToString().ToLowerInvariant()}", string.Create(CultureInfo.InvariantCulture,
                $"Equivariance error (solid) and invariance error (dashed) of '{curve.Output}'{(config.Layers.Length == 0 ? "" : " and the tapped layers")} under {name}, mean over {images.Count} images."),
                EquivariancePlot.Render(curve)));
            sweeps.Add(new EquivarianceSweep(name, values, values.Select(v => curve.ErrorAt(curve.Output, v)).ToArray(), values.Select(v => curve.InvarianceErrorAt(curve.Output, v)).ToArray(), figure));
        }

        context.Advance(sweeps.Count, transforms.Length, "sweeps");
        return new EquivariancePartial(sweeps, images.Count, output, null);
    }

    public override void Finish(IReadOnlyList<EquivariancePartial> partials, FinishContext context)
    {
        var measured = partials.FirstOrDefault(p => p.Output is not null);
        if (measured is null)
        {
            var reason = partials.Select(p => p.NotMeasured).FirstOrDefault(r => r is not null) ?? "no image was measured";
            foreach (var (name, _, _) in Transforms())
            {
                context.NotMeasured(CheckName(name), Comparison.AtMost, config.MaxError, reason);
            }

            context.Add(new ReportSection("Equivariance", $"Not measured: {reason}.", new Dictionary<string, double>(), []));
            return;
        }

        var metrics = new Dictionary<string, double> { ["images"] = measured.Images };
        foreach (var sweep in measured.Sweeps)
        {
            var worst = sweep.Errors.Max();
            var moved = sweep.InvarianceErrors.Max();
            if (moved < MinMovement)
            {
                // A map that does not change when the input moves (a flat output) cannot show whether it would move with it.
                context.Inconclusive(CheckName(sweep.Transform), worst, Comparison.AtMost, config.MaxError, string.Create(CultureInfo.InvariantCulture,
                    $"the output barely changes under these {sweep.Transform} (invariance error at most {moved:0.000}, below {MinMovement}): there is no moving map to compare"));
            }
            else
            {
                context.Gate(CheckName(sweep.Transform), worst, Comparison.AtMost, config.MaxError,
                    string.Create(CultureInfo.InvariantCulture, $"invariance error at the same value {sweep.InvarianceErrors[sweep.Errors.ToList().IndexOf(worst)]:0.000}"));
            }

            var key = sweep.Transform.StartsWith("shift", StringComparison.Ordinal) ? "shift" : "scale";
            for (var i = 0; i < sweep.Values.Count; i++)
            {
                metrics[string.Create(CultureInfo.InvariantCulture, $"error_at_{key}_{sweep.Values[i]}")] = sweep.Errors[i];
                metrics[string.Create(CultureInfo.InvariantCulture, $"invariance_error_at_{key}_{sweep.Values[i]}")] = sweep.InvarianceErrors[i];
            }
        }

        context.Add(new ReportSection(
            "Equivariance",
            $"Each image is shifted or scaled and its output map '{measured.Output}' is compared with the original map transformed the same way at the map's resolution, over the pixels both cover{(config.Margin > 0 ? string.Create(CultureInfo.InvariantCulture, $" at least {config.Margin} input px from the border") : "")}: " +
                "a dense model should move its map with the input (small equivariance error), which is not the same as ignoring the change (invariance error).",
            metrics,
            measured.Sweeps.Select(s => s.Figure.Figure).ToArray()));
    }

    private IEnumerable<(string Name, TransformKind Kind, double[] Values)> Transforms()
    {
        if (config.Shifts.Length > 0)
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"shifts of {string.Join(", ", config.Shifts)} px"), TransformKind.TranslateX, config.Shifts.Select(s => (double)s).ToArray());
        }

        if (config.Scales.Length > 0)
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"scales of {string.Join(", ", config.Scales)}"), TransformKind.Scale, config.Scales);
        }
    }

    private static string CheckName(string transform) => $"equivariance error of the output under {transform} (largest mean)";
}
