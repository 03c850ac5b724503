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
    }

    public override InvariancePartial Measure(MeasureContext context)
    {
        var images = context.Slice(config.MaxImages);
        var sweep = new InvarianceSweep(context.Model);
        var curves = new List<InvariancePoints>();
        foreach (var transform in images.Count == 0 ? [] : Transforms())
        {
            context.Report($"invariance: {transform.Name}");
            var curve = sweep.Compute(transform, images.Select(i => i.Image).ToArray(), images.Select(i => i.Label).ToArray());
            curves.Add(new InvariancePoints(
                transform.Kind.ToString(),
                curve.Points.Select(p => p.Value).ToArray(),
                curve.Layers,
                curve.Points.Select(p => p.TargetProbability).ToArray(),
                curve.Points.Select(p => p.TargetProbabilityStd).ToArray(),
                curve.Points.Select(p => p.Top1Agreement).ToArray(),
                curve.Layers.Select(l => (IReadOnlyList<double>)curve.Points.Select(p => p.DistanceAt(l)).ToArray()).ToArray()));
        }

        return new InvariancePartial(images.Count, curves);
    }

    public override void Finish(IReadOnlyList<InvariancePartial> partials, FinishContext context)
    {
        var shards = partials.Where(p => p.ImageCount > 0).ToArray();
        var total = shards.Sum(s => s.ImageCount);
        var metrics = new Dictionary<string, double>();
        var figures = new List<ReportFigure>();
        foreach (var (transform, index) in Transforms().Select((t, i) => (t, i)))
        {
            var curve = Combine(context.ModelName, transform, shards.Select(s => (s.ImageCount, s.Curves[index])).ToArray());
            if (transform.Kind == TransformKind.TranslateX)
            {
                var gate = Enumerable.Range(-config.GateShift, (2 * config.GateShift) + 1).Min(v => curve.Top1AgreementAt(v));
                context.Gate(string.Create(CultureInfo.InvariantCulture, $"top-1 agreement over shifts of ±{config.GateShift} px (minimum)"), gate, Comparison.AtLeast, config.MinShiftAgreement);
                metrics["shift.min_agreement"] = gate;
                var kept = curve.LargestRangeKeepingTop1(0.9);
                metrics["shift.range_keeping_top1_from"] = kept?.From ?? double.NaN;
                metrics["shift.range_keeping_top1_to"] = kept?.To ?? double.NaN;
                figures.Add(new ReportFigure("shift", "Horizontal shift: feature distance at the first and the top layer, and P(true class).", InvariancePlot.Render(curve)));
            }
            else
            {
                metrics["rotation.agreement_at_end"] = curve.Top1AgreementAt(config.RotationRange);
                figures.Add(new ReportFigure("rotation", "Rotation: CNNs are not expected to be rotation invariant (Zeiler & Fergus, Fig. 5).", InvariancePlot.Render(curve)));
            }
        }

        context.Add(new ReportSection("Invariance",
            $"Sweeps over {total} images, after Zeiler & Fergus Fig. 5: small transformations change first-layer features much more than the top layer.",
            metrics, figures));
    }

    /// <summary>Exact pooling of per-shard curves: means weighted by image count, the std from pooled second moments.</summary>
    internal static InvarianceCurve Combine(string model, Transform transform, IReadOnlyList<(int Images, InvariancePoints Points)> parts)
    {
        var n = (double)parts.Sum(p => p.Images);
        var first = parts[0].Points;
        var points = first.Values.Select((value, v) =>
        {
            double Mean(Func<InvariancePoints, double> pick) => parts.Sum(p => pick(p.Points) * p.Images) / n;
            var mean = Mean(p => p.ProbabilityMean[v]);
            var second = Mean(p => (p.ProbabilityStd[v] * p.ProbabilityStd[v]) + (p.ProbabilityMean[v] * p.ProbabilityMean[v]));
            var distance = first.Layers.Select((layer, l) => (layer, Mean(p => p.Distance[l][v]))).ToDictionary(x => x.layer, x => x.Item2, StringComparer.Ordinal);
            return new InvariancePoint(value, mean, Math.Sqrt(Math.Max(0, second - (mean * mean))), Mean(p => p.Agreement[v]), distance);
        }).ToArray();
        return new InvarianceCurve(model, transform, (int)n, targetsFromLabels: true, first.Layers, points);
    }
}
