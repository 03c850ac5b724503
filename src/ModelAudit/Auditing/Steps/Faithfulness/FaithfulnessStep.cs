using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Reporting;
using ModelAudit.Targets;

namespace ModelAudit.Auditing;

internal sealed class FaithfulnessStep(FaithfulnessConfig config) : AuditStep<FaithfulnessPartial>
{
    public override FaithfulnessPartial Measure(MeasureContext context)
    {
        if (!context.IsFirstShard)
        {
            return new FaithfulnessPartial([], [], 0, null);
        }

        var images = context.All(config.MaxImages);
        if (images.Count == 0)
        {
            return new FaithfulnessPartial([], [], 0, config.MaxImages == 0 ? "audits.faithfulness.max_images is 0, so no image was measured" : "the run has no images");
        }

        var model = context.Model;
        var target = context.Target ?? (images.All(i => i.Label >= 0) ? Target.Label : Target.Predicted);
        var pictures = images.Select(i => i.Image).ToArray();
        var rows = new List<FaithfulnessRow>();
        var figures = new List<ShardFigure>();
        IReadOnlyList<IPixelMap> random = new RandomBaseline(model).Compute(pictures);
        IReadOnlyList<IPixelMap> edges = pictures.Select(p => new EdgeBaseline(model).Compute(p)).ToArray();
        context.Advance(0, config.Methods.Distinct().Count() + 2, "methods");
        rows.Add(Measure(context, images, "random", "random map (control)", random, target, null).Row);
        rows.Add(Measure(context, images, "sobel_edges", "Sobel edges (control)", edges, target, null).Row);
        var methods = config.Methods.Distinct().ToArray();
        foreach (var method in methods)
        {
            context.Advance(rows.Count, methods.Length + 2, "methods");
            IReadOnlyList<IPixelMap> maps;
            try
            {
                maps = MapMethods.Compute(model, images, method, target, context.Methods);
            }
            catch (GradientException ex)
            {
                rows.Add(NotMade(method, ex.Message));
                continue;
            }

            // The randomisation and sensitivity checks hand the explainer pictures; the labelled image keeps its target.
            var byImage = new Dictionary<object, LabeledImage>(ReferenceEqualityComparer.Instance);
            foreach (var image in images)
            {
                byImage.TryAdd(image.Image, image);
            }

            IPixelMap Explain(Models.AuditModel m, RgbImage image) =>
                MapMethods.Compute(m, [byImage.TryGetValue(image, out var labelled) ? labelled : new LabeledImage("image", image, -1)], method, target, context.Methods)[0];
            var (row, curves) = Measure(context, images, method, MapMethods.Names[method], maps, target, Explain);
            rows.Add(row);
            figures.Add(new ShardFigure(figures.Count, new ReportFigure(
                $"faithfulness-{method}",
                string.Create(CultureInfo.InvariantCulture, $"{row.Name}: deletion (left) and insertion (right) curves per image, mean in bold; normalised AUC {row.DeletionAuc:0.00} and {row.InsertionAuc:0.00}."),
                PerturbationCurvePlot.Render(curves))));
        }

        context.Advance(rows.Count, methods.Length + 2, "methods");
        return new FaithfulnessPartial(rows, figures, images.Count, null);
    }

    public override void Finish(IReadOnlyList<FaithfulnessPartial> partials, FinishContext context)
    {
        var run = partials.FirstOrDefault(p => p.Rows.Count > 0 || p.NotMeasured is not null);
        if (run is null || run.Rows.Count == 0)
        {
            var reason = run?.NotMeasured ?? "no image was measured";
            foreach (var method in config.Methods.Distinct())
            {
                foreach (var (name, comparison, threshold) in Gates(MapMethods.Names[method]).Where(g => g.Threshold is not null))
                {
                    context.NotMeasured(name, comparison, threshold, reason);
                }
            }

            context.Add(new ReportSection("Faithfulness", $"Not measured: {reason}.", new Dictionary<string, double>(), []));
            return;
        }

        var controls = run.Rows.Where(r => r.IsControl).ToArray();
        var bestControl = controls.Select(c => c.Gain).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        var metrics = new Dictionary<string, double> { ["images"] = run.Images };
        foreach (var row in run.Rows)
        {
            metrics[$"{row.Method}_insertion_auc"] = row.InsertionAuc;
            metrics[$"{row.Method}_deletion_auc"] = row.DeletionAuc;
            metrics[$"{row.Method}_relevance_gain"] = row.Gain;
            if (!row.IsControl)
            {
                Judge(context, row, bestControl);
            }
        }

        context.Add(new ReportSection(
            "Faithfulness",
            string.Create(CultureInfo.InvariantCulture,
                $"Does each map track what the model uses? Pixels are ranked by the map; deletion removes the top-ranked ones first, insertion restores them first into a fully removed image, in {config.Steps} steps, removed pixels showing the {FillDescription(config.FillKind)}. ") +
                "AUCs are normalised: (score − score of the fully removed image) / (clean score − that), so 1 is the clean score all along, a random ranking gives about 0.5; good maps insert high and delete low (Samek et al.; Petsiuk et al.). " +
                "The relevance gain is insertion − deletion (Blücher et al. 2024): insertion alone saturates when a few scattered pixels rebuild a flat-coloured object. Two controls cannot be faithful, a seeded random map and the image's Sobel edges; every method's gain must beat both. " +
                "Faithfulness correlation (Bhatt et al.): Pearson correlation between a random 5 % subset's attribution and the score drop when it is removed. " +
                "Gini and entropy measure how concentrated a map is (Chalasani et al.; Bhatt et al.). " +
                "Randomisation (efficient MPRT, Hedström et al.): with every layer's weights randomised at once, the maps' rank correlation with the trained model's (must fall) and their entropy ratio (rises for a map that reads the model). " +
                "Forward passes per image count the curves and the correlation, not the maps themselves.",
            metrics,
            ShardFigure.InRunOrder(partials.Select(p => p.Figures)))
        {
            Tables = [Table(run.Rows)],
        });
    }

    private void Judge(FinishContext context, FaithfulnessRow row, double bestControl)
    {
        var note = string.Create(CultureInfo.InvariantCulture, $"{row.MeasuredImages} of {row.ImageInsertionAucs.Count} images measured");
        void Gate(string name, double value, Comparison comparison, double? threshold, string details)
        {
            if (threshold is null)
            {
                return;
            }

            if (!double.IsFinite(value))
            {
                context.Inconclusive(name, double.NaN, comparison, threshold, row.MeasuredImages == 0 ? $"no image's score moved between the clean and the fully removed image ({note})" : details);
            }
            else
            {
                context.Gate(name, value, comparison, threshold, details);
            }
        }

        if (row.Problem is { } problem)
        {
            foreach (var (name, comparison, threshold) in Gates(row.Name).Where(g => g.Threshold is not null))
            {
                context.NotMeasured(name, comparison, threshold, $"no {row.Name} map could be made: {problem}");
            }

            return;
        }

        var gates = Gates(row.Name);
        string N(int i) => gates[i].Name;
        Gate(N(0), row.Gain - bestControl, Comparison.AtLeast, config.MinMarginOverControls,
            string.Create(CultureInfo.InvariantCulture, $"gain {row.Gain:0.000} (insertion {row.InsertionAuc:0.000} − deletion {row.DeletionAuc:0.000}), best control's {bestControl:0.000}; {note}"));
        if (config.MinInsertionAuc is { } min && config.MinPassRate is { } rate)
        {
            var finite = row.ImageInsertionAucs.Where(double.IsFinite).ToArray();
            Gate(N(1), finite.Length == 0 ? double.NaN : finite.Count(a => a >= min) / (double)row.ImageInsertionAucs.Count, Comparison.AtLeast, rate, note);
        }
        else
        {
            Gate(N(1), row.InsertionAuc, Comparison.AtLeast, config.MinInsertionAuc, note);
        }

        Gate(N(2), row.DeletionAuc, Comparison.AtMost, config.MaxDeletionAuc, note);
        Gate(N(3), row.RandomisationCorrelation, Comparison.AtMost, config.MaxRandomisationCorrelation,
            string.Create(CultureInfo.InvariantCulture, $"entropy ×{row.ComplexityRise:0.00} with every layer randomised"));
        Gate(N(4), row.FaithfulnessCorrelation, Comparison.AtLeast, config.MinFaithfulnessCorrelation, note);
        Gate(N(5), row.MaxSensitivity, Comparison.AtMost, config.MaxSensitivity, note);
    }

    /// <summary>Every check the section can make for one method, in report order; those with a null threshold are off.</summary>
    private List<(string Name, Comparison Comparison, double? Threshold)> Gates(string method) =>
        [
            ($"{method}: relevance gain over the better control's", Comparison.AtLeast, config.MinMarginOverControls),
            (config.MinPassRate is null ? $"{method}: mean insertion AUC" : string.Create(CultureInfo.InvariantCulture, $"{method}: share of images with insertion AUC ≥ {config.MinInsertionAuc:0.00}"), Comparison.AtLeast, config.MinPassRate ?? config.MinInsertionAuc),
            ($"{method}: mean deletion AUC", Comparison.AtMost, config.MaxDeletionAuc),
            ($"{method}: rank correlation with its maps of the randomised model", Comparison.AtMost, config.MaxRandomisationCorrelation),
            ($"{method}: mean faithfulness correlation", Comparison.AtLeast, config.MinFaithfulnessCorrelation),
            ($"{method}: mean max-sensitivity", Comparison.AtMost, config.MaxSensitivity),
        ];

    /// <summary>One method's numbers; a control (no <paramref name="explainer"/>) gets no randomisation or sensitivity check.</summary>
    private (FaithfulnessRow Row, PerturbationCurveResult Curves) Measure(MeasureContext context, IReadOnlyList<LabeledImage> images, string method, string name, IReadOnlyList<IPixelMap> maps, Target target, Func<Models.AuditModel, RgbImage, IPixelMap>? explainer)
    {
        var curves = new PerturbationCurves(context.Model).Compute(images, maps, new PerturbationCurveOptions { Steps = config.Steps, Fill = config.FillKind, Target = target });
        var correlation = new FaithfulnessCorrelation(context.Model).Compute(images, maps, new FaithfulnessCorrelationOptions { Target = target });
        var (rank, rise) = (double.NaN, double.NaN);
        if (explainer is not null && config.MaxRandomisationCorrelation is not null)
        {
            var check = new EfficientRandomisationCheck(context.Model).Compute(images.Select(i => i.Image).ToArray(), new RandomisationCheckOptions { Explainer = explainer });
            (rank, rise) = (check.RankCorrelation, check.ComplexityRise);
        }

        var sensitivity = explainer is not null && config.MaxSensitivity is not null
            ? new MaxSensitivity(context.Model).Compute(images.Select(i => i.Image).ToArray(), new MaxSensitivityOptions { Explainer = explainer }).Mean
            : double.NaN;
        return (new FaithfulnessRow(
            method, name, explainer is null, null, curves.InsertionAuc, curves.DeletionAuc, curves.Images.Select(i => i.InsertionAuc).ToArray(), curves.MeasuredImages,
            correlation.MeanCorrelation, maps.Average(ComplexityMetrics.Gini), maps.Average(ComplexityMetrics.Entropy), rank, rise, sensitivity,
            (double)(curves.ForwardPasses + correlation.ForwardPasses) / images.Count), curves);
    }

    private static FaithfulnessRow NotMade(string method, string reason) =>
        new(method, MapMethods.Names[method], false, reason, double.NaN, double.NaN, [], 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);

    private static string FillDescription(PerturbationFill fill) => fill switch
    {
        PerturbationFill.NoisyLinear => "noisy linear imputation of their neighbours (ROAD, Rong et al. 2022)",
        PerturbationFill.Mean => "image's mean colour",
        PerturbationFill.Blur => "blurred image",
        _ => "input's zero",
    };

    private static ReportTable Table(IReadOnlyList<FaithfulnessRow> rows) => new(
        "Per method (controls first)",
        ["method", "insertion AUC ↑", "deletion AUC ↓", "gain ↑", "faithfulness corr. ↑", "Gini", "entropy", "randomised: rank corr. ↓", "randomised: entropy ×", "max-sensitivity ↓", "forward passes / image"],
        rows.Select(r => (IReadOnlyList<string>)
        [
            r.Name, .. new[] { r.InsertionAuc, r.DeletionAuc, r.Gain, r.FaithfulnessCorrelation, r.Gini, r.Entropy, r.RandomisationCorrelation, r.ComplexityRise, r.MaxSensitivity }.Select(v => CellNumber.Format(v)),
            CellNumber.Format(r.ForwardPassesPerImage, 0),
        ]).ToArray());
}
