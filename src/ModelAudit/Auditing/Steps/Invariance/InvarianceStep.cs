using System.Globalization;
using ModelAudit.Invariance;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class InvarianceStep(InvarianceConfig config) : AuditStep<InvariancePartial>
{
    private IEnumerable<Transform> Transforms()
    {
        if (config.ShiftRange > 0)
        {
            yield return Transform.TranslateX(-config.ShiftRange, config.ShiftRange, 1);
        }

        if (config.RotationRange > 0)
        {
            yield return Transform.Rotate(0, config.RotationRange, config.RotationStep);
        }

        foreach (var (_, kind, values) in config.ListedSweeps.Where(s => s.Values.Length > 0))
        {
            yield return Transform.FromValues(kind, values, seed: InvarianceConfig.NoiseSeed);
        }
    }

    private static string ListedGateName(Transform transform) => $"top-1 agreement over {transform} (minimum)";

    public override InvariancePartial Measure(MeasureContext context)
    {
        if (!context.Model.IsClassifier)
        {
            return new InvariancePartial([], [], $"invariance curves follow class probabilities, and '{context.Model.Name}' is not a classifier (output [{string.Join(",", context.Model.OutputShape)}] per image); use the equivariance audit for dense outputs");
        }

        var images = context.Slice(config.MaxImages);
        var sweep = new InvarianceSweep(context.Model);
        var sweeps = new List<InvarianceSamples>();
        var transforms = images.Count == 0 ? [] : Transforms().ToArray();
        foreach (var transform in transforms)
        {
            context.Advance(sweeps.Count * images.Count, transforms.Length * images.Count, "image sweeps");
            sweeps.Add(sweep.Sample(transform, images.Select(i => i.Image).ToArray(), images.Select(i => i.Label).ToArray(), positions: images.Select(context.PositionOf).ToArray()));
        }

        context.Advance(sweeps.Count * images.Count, transforms.Length * images.Count, "image sweeps");

        return new InvariancePartial(images.Select(context.PositionOf).ToArray(), sweeps);
    }

    public override void Finish(IReadOnlyList<InvariancePartial> partials, FinishContext context)
    {
        var shards = partials.Where(p => p.Positions.Count > 0).ToArray();
        var total = shards.Sum(s => s.Positions.Count);
        var gateName = string.Create(CultureInfo.InvariantCulture, $"top-1 agreement over shifts of ±{config.GateShift} px (minimum)");
        if (total == 0 || config.ShiftRange == 0)
        {
            var reason = partials.Select(p => p.NotMeasured).FirstOrDefault(r => r is not null)
                ?? (total == 0 ? "audits.invariance.max_images is 0, so no image was swept" : "audits.invariance.shift_range is 0, so no shift was swept");
            context.NotMeasured(gateName, Comparison.AtLeast, config.MinShiftAgreement, reason);
            if (total == 0)
            {
                foreach (var listed in Transforms().Where(t => t.Kind is not (TransformKind.TranslateX or TransformKind.Rotate)))
                {
                    context.NotMeasured(ListedGateName(listed), Comparison.AtLeast, config.MinAgreement, reason);
                }

                context.Add(new ReportSection("Invariance", $"Not measured: {reason}.", new Dictionary<string, double>(), []));
                return;
            }
        }

        var metrics = new Dictionary<string, double>();
        var figures = new List<ReportFigure>();
        var positions = shards.Select(s => s.Positions).ToArray();
        foreach (var (transform, index) in Transforms().Select((t, i) => (t, i)))
        {
            var curve = InvarianceSamples.InOrder(shards.Select(s => s.Sweeps[index]).ToArray(), positions).Curve(context.ModelName, transform, targetsFromLabels: true);
            if (transform.Kind == TransformKind.TranslateX)
            {
                var gate = Enumerable.Range(-config.GateShift, (2 * config.GateShift) + 1).Min(v => curve.Top1AgreementAt(v));
                context.Gate(gateName, gate, Comparison.AtLeast, config.MinShiftAgreement);
                metrics["shift.min_agreement"] = gate;
                var kept = curve.LargestRangeKeepingTop1(0.9);
                metrics["shift.range_keeping_top1_from"] = kept?.From ?? double.NaN;
                metrics["shift.range_keeping_top1_to"] = kept?.To ?? double.NaN;
                figures.Add(new ReportFigure("shift", "Horizontal shift: feature distance at the first and the top layer, and P(true class).", InvariancePlot.Render(curve)));
            }
            else if (transform.Kind == TransformKind.Rotate)
            {
                metrics["rotation.agreement_at_end"] = curve.Top1AgreementAt(config.RotationRange);
                figures.Add(new ReportFigure("rotation", "Rotation: CNNs are not expected to be rotation invariant (Zeiler & Fergus, Fig. 5).", InvariancePlot.Render(curve)));
            }
            else
            {
                var worst = transform.Values.Min(curve.Top1AgreementAt);
                context.Gate(ListedGateName(transform), worst, Comparison.AtLeast, config.MinAgreement);
                metrics[$"{transform.Name}.min_agreement"] = worst;
                figures.Add(new ReportFigure(transform.Name, $"{char.ToUpperInvariant(transform.AxisLabel[0])}{transform.AxisLabel[1..]}: feature distance at the first and the top layer, and P(true class).", InvariancePlot.Render(curve)));
            }
        }

        context.Add(new ReportSection("Invariance",
            $"Sweeps over {total} images, after Zeiler & Fergus Fig. 5: small transformations change first-layer features much more than the top layer.",
            metrics, figures));
    }
}
