using System.Globalization;
using ModelAudit.Reporting;
using ModelAudit.Targets;
using ModelAudit.Texture;

namespace ModelAudit.Auditing;

/// <summary>
/// The texture audit's cue-conflict test (<see cref="CueConflict"/>): measured on the first shard from all labelled
/// images of the run, gated by <see cref="TextureConfig.MinShapeBias"/>, reported in a section of its own.
/// </summary>
internal static class TextureCueConflict
{
    /// <summary>The pairs drawn in the report's picture.</summary>
    private const int PicturedPairs = 8;

    public static CueConflictPartial? Measure(TextureConfig config, MeasureContext context)
    {
        if (config.CueConflictPairs == 0 && config.MinShapeBias is null)
        {
            return null;
        }

        var labelled = context.All(int.MaxValue, i => i.Label >= 0);
        var reason = config.CueConflictPairs == 0 ? "audits.texture.cue_conflict_pairs is 0, so no cue-conflict image was made"
            : !context.Model.IsClassifier || context.Target is not (null or ClassTarget) ? "a cue-conflict decision is a class, and this run's model or target is not one"
            : labelled.Select(i => i.Label).Distinct().Count() < 2 ? "a cue-conflict image needs labelled images of two classes at least; give labels in labels.csv"
            : null;
        if (reason is not null)
        {
            return new CueConflictPartial([], "", [], 0, 0, 0, [], reason);
        }

        context.Advance(0, config.CueConflictSteps, "cue-conflict descent steps");
        CueConflictResult result;
        try
        {
            result = new CueConflict(context.Model).Compute(labelled, config.CueConflictOptions, (done, total) => context.Advance(done, total, "cue-conflict descent steps"));
        }
        catch (ArgumentException ex)
        {
            var key = config.CueConflictContentLayer is null ? "audits.texture.layers" : "audits.texture.cue_conflict_content_layer";
            throw new AuditConfigException($"{key}: {ex.Message}") { Key = key };
        }

        var figure = new ReportFigure(
            "cue-conflict",
            string.Create(CultureInfo.InvariantCulture,
                $"The first {Math.Min(PicturedPairs, result.Pairs.Count)} of {result.Pairs.Count} pairs: shape image | texture image | cue-conflict image | the model's prediction, the cue it followed, and the transfer's style loss (start → end) and content loss."),
            result.Render(context.Classes, PicturedPairs));
        var rows = result.Pairs.Select(p => new CueConflictRow(
            p.ShapeId, p.ShapeLabel, p.TextureId, p.TextureLabel, p.Predicted, p.Confidence, p.Decision.ToString(),
            p.StyleLossAtStart, p.StyleLoss, p.ContentLoss, p.ShapeRecognised, p.TextureRecognised)).ToArray();
        return new CueConflictPartial(rows, result.ContentLayer, result.StyleLayers, result.Steps, result.ForwardPasses, result.BackwardPasses, [new ShardFigure(0, figure)], null);
    }

    public static void Finish(TextureConfig config, CueConflictPartial? run, FinishContext context)
    {
        if (config.CueConflictPairs == 0 && config.MinShapeBias is null)
        {
            return;
        }

        if (run is null || run.Pairs.Count == 0)
        {
            var reason = run?.NotMeasured ?? "no cue-conflict image was made";
            context.NotMeasured(TextureConfig.ShapeBiasCheck, Comparison.AtLeast, config.MinShapeBias, reason);
            context.Add(new ReportSection("Cue conflict", $"Not measured: {reason}.", new Dictionary<string, double>(), []));
            return;
        }

        var pairs = run.Pairs;
        int Count(CueDecision d) => pairs.Count(p => p.Decision == d.ToString());
        var (shape, texture, other) = (Count(CueDecision.Shape), Count(CueDecision.Texture), Count(CueDecision.Other));
        var bias = CueConflict.ShapeBias(shape, texture);
        var (styleStart, style, content) = (pairs.Average(p => p.StyleLossAtStart), pairs.Average(p => p.StyleLoss), pairs.Average(p => p.ContentLoss));
        var details = string.Create(CultureInfo.InvariantCulture,
            $"{pairs.Count} pairs: {shape} shape, {texture} texture, {other} neither; mean style loss {styleStart:0.000} → {style:0.000}, content loss {content:0.000}");
        if (!CueConflict.Conclusive(shape, texture, pairs.Count))
        {
            context.Inconclusive(TextureConfig.ShapeBiasCheck, bias, Comparison.AtLeast, config.MinShapeBias,
                $"only {shape + texture} of {pairs.Count} cue-conflict images were classified as their shape's or their texture's class, fewer than half: too few to weigh the cues (raise audits.texture.cue_conflict_steps if the style loss stayed high); {details}");
        }
        else
        {
            context.Gate(TextureConfig.ShapeBiasCheck, bias, Comparison.AtLeast, config.MinShapeBias, details);
        }

        context.Add(new ReportSection(
            "Cue conflict",
            string.Create(CultureInfo.InvariantCulture,
                $"Geirhos et al.'s test: each image has the shape of one labelled image and the texture of one of another class, made by style transfer through the model's own layers — from the shape image, {run.Steps} descent steps on a content loss at {run.ContentLayer} to the shape image plus a Gram (style) loss at {string.Join(", ", run.StyleLayers)} to the texture image. ") +
            "Shape bias = shape / (shape + texture) decisions; decisions for a third class count for neither. Losses are relative (0: matched); a style loss near its start means the texture did not transfer. " +
            "A cue every image carries in one place (a corner mark) is content to the layers that read it and stays with the shape; the shortcut audit finds those. " +
            string.Create(CultureInfo.InvariantCulture, $"Cost: {run.BackwardPasses} images through backward graphs, {run.ForwardPasses} forward passes."),
            new Dictionary<string, double>
            {
                ["cue_conflict_pairs"] = pairs.Count,
                ["shape_decisions"] = shape,
                ["texture_decisions"] = texture,
                ["other_decisions"] = other,
                ["shape_bias"] = bias,
                ["style_loss_start"] = styleStart,
                ["style_loss"] = style,
                ["content_loss"] = content,
            },
            ShardFigure.InRunOrder([run.Figures]))
        {
            Tables =
            [
                new ReportTable("Decisions", ["pairs", "shape decisions", "texture decisions", "neither", "shape bias", "style loss (start → end)", "content loss"],
                    [[I(pairs.Count), I(shape), I(texture), I(other), CellNumber.Format(bias, 3), $"{CellNumber.Format(styleStart, 3)} → {CellNumber.Format(style, 3)}", CellNumber.Format(content, 3)]]),
                new ReportTable("Per pair", ["shape image", "texture image", "prediction", "cue followed", "style loss (start → end)", "content loss", "sources recognised"],
                    pairs.Select(p => (IReadOnlyList<string>)
                    [
                        $"{p.ShapeId} ({Name(context, p.ShapeLabel)})", $"{p.TextureId} ({Name(context, p.TextureLabel)})",
                        $"{Name(context, p.Predicted)} ({CellNumber.Format(p.Confidence)})", p.Decision.ToLowerInvariant(),
                        $"{CellNumber.Format(p.StyleLossAtStart, 3)} → {CellNumber.Format(p.StyleLoss, 3)}", CellNumber.Format(p.ContentLoss, 3), Recognised(p),
                    ]).ToArray()),
            ],
        });
    }

    private static string Recognised(CueConflictRow p) => (p.ShapeRecognised, p.TextureRecognised) switch
    {
        (true, true) => "both",
        (true, false) => "shape only",
        (false, true) => "texture only",
        _ => "neither",
    };

    private static string Name(FinishContext context, int label) => context.Classes.ElementAtOrDefault(label) ?? I(label);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
