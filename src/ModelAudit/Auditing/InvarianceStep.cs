using System.Globalization;
using ModelAudit.Invariance;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class InvarianceStep(InvarianceConfig config) : IAuditStep
{
    public string Name => "invariance";

    public void Run(AuditContext context)
    {
        var images = context.Images.Take(config.MaxImages).ToArray();
        var sweep = new InvarianceSweep(context.Model);
        var pictures = images.Select(i => i.Image).ToArray();
        var labels = images.Select(i => i.Label).ToArray();
        var metrics = new Dictionary<string, double>();
        var figures = new List<ReportFigure>();
        if (config.ShiftRange > 0)
        {
            context.Report("invariance: horizontal shifts");
            var shift = sweep.Sweep(Transform.TranslateX(-config.ShiftRange, config.ShiftRange, 1), pictures, labels);
            var gate = Enumerable.Range(-config.GateShift, (2 * config.GateShift) + 1).Min(v => shift.Top1AgreementAt(v));
            context.Gate(Name, string.Create(CultureInfo.InvariantCulture, $"top-1 agreement over shifts of ±{config.GateShift} px (minimum)"), gate, Comparison.AtLeast, config.MinShiftAgreement);
            var kept = shift.LargestRangeKeepingTop1(0.9);
            metrics["shift.min_agreement"] = gate;
            metrics["shift.range_keeping_top1_from"] = kept?.From ?? double.NaN;
            metrics["shift.range_keeping_top1_to"] = kept?.To ?? double.NaN;
            figures.Add(new ReportFigure("shift", "Horizontal shift: feature distance at the first layer and the top layer, and P(true class).", InvariancePlot.Render(shift)));
        }

        if (config.RotationRange > 0)
        {
            context.Report("invariance: rotations");
            var rotation = sweep.Sweep(Transform.Rotate(0, config.RotationRange, config.RotationStep), pictures, labels);
            metrics["rotation.agreement_at_end"] = rotation.Top1AgreementAt(config.RotationRange);
            figures.Add(new ReportFigure("rotation", "Rotation: CNNs are not expected to be rotation invariant (Zeiler & Fergus, Fig. 5).", InvariancePlot.Render(rotation)));
        }

        context.Add(new ReportSection("Invariance",
            $"Sweeps over {images.Length} images, after Zeiler & Fergus Fig. 5: small transformations change first-layer features much more than the top layer.",
            metrics, figures));
    }
}
