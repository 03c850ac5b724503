using System.Globalization;
using ModelAudit.Embeddings;
using ModelAudit.Models;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class EmbeddingsStep(EmbeddingsConfig config) : AuditStep<EmbeddingsPartial>
{
    public override EmbeddingsPartial Measure(MeasureContext context)
    {
        var layer = config.Layer ?? context.Model.Graph.PenultimateTensor
            ?? throw new AuditConfigException($"'{context.Model.Name}' has no classifier layer to take features before; set audits.embeddings.layer.");
        var images = context.Slice(config.MaxImages, Labelled);
        context.Advance(0, images.Count, "images");
        var features = context.Model.Predict(images.Select(i => i.Image).ToArray(), [layer]).SelectMany(p => Features(p.Tap(layer))).ToArray();
        context.Advance(images.Count, images.Count, "images");
        var dimension = images.Count == 0 ? 0 : features.Length / images.Count;
        return new EmbeddingsPartial(layer, dimension, images.Select(i => i.Id).ToArray(), images.Select(i => i.Label).ToArray(), features);
    }

    public override void Finish(IReadOnlyList<EmbeddingsPartial> partials, FinishContext context)
    {
        var shards = partials.Where(p => p.Ids.Count > 0).ToArray();
        var layer = partials[0].Layer;
        var labels = shards.SelectMany(s => s.Labels).ToArray();
        var k = Math.Min(new EmbeddingOptions().KnnK, labels.Length - 1);
        if (labels.Length < 4 || labels.Distinct().Count() < 2)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"{labels.Length} labelled images in {labels.Distinct().Count()} classes; separation needs at least 4 images of at least 2 classes (raise audits.embeddings.max_images, or add images with a class label)");
            context.NotMeasured($"silhouette of the classes in {layer}", Comparison.AtLeast, config.MinSilhouette, reason);
            context.NotMeasured($"{Math.Max(k, 1)}-NN leave-one-out accuracy in {layer}", Comparison.AtLeast, config.MinKnnAccuracy, reason);
            context.Add(new ReportSection("Embedding separation", $"Not measured: {reason}.", new Dictionary<string, double>(), []));
            return;
        }

        var dimension = shards[0].Dimension;
        var order = context.All(config.MaxImages, Labelled).Select((image, i) => (image.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

        // Rows back in run order, so a merged run embeds exactly the matrix an unsharded run would.
        var rows = shards.SelectMany(s => s.Ids.Select((id, r) => (Order: order[id], Label: s.Labels[r], Row: s.Features.AsMemory(r * dimension, dimension))))
            .OrderBy(r => r.Order).ToArray();
        var features = rows.SelectMany(r => r.Row.ToArray()).ToArray();
        var images = rows.Select(r => context.Images[r.Order].Image).ToArray();
        var embedding = Embedding.FromFeatures(features, dimension, rows.Select(r => r.Label).ToArray(), new EmbeddingOptions { ClassNames = context.Classes, KnnK = k }, shards[0].Layer, images);
        var s = embedding.Separation;
        context.Gate($"silhouette of the classes in {embedding.Layer}", s.Silhouette, Comparison.AtLeast, config.MinSilhouette);
        context.Gate($"{s.KnnK}-NN leave-one-out accuracy in {embedding.Layer}", s.KnnAccuracy, Comparison.AtLeast, config.MinKnnAccuracy);
        context.Add(new ReportSection(
            "Embedding separation",
            $"Features of {embedding.Count} images at {embedding.Layer} ({embedding.Dimension}-D), mapped to 2-D with {embedding.Map.Method} (CS231n: a good representation groups images by class)." +
                (k < new EmbeddingOptions().KnnK ? $" Only {embedding.Count} images: k-NN uses k = {k}." : ""),
            new Dictionary<string, double>
            {
                ["silhouette"] = s.Silhouette,
                ["silhouette_cosine"] = s.CosineSilhouette,
                ["knn_accuracy"] = s.KnnAccuracy,
                ["davies_bouldin"] = s.DaviesBouldin,
                ["scatter_ratio"] = s.ScatterRatio,
                ["map_trustworthiness"] = embedding.Map.Trustworthiness,
            },
            [
                new ReportFigure("scatter", $"{embedding.Map.Method} map coloured by class.", embedding.RenderScatter(640, 512)) { ComparableAcrossRuns = false },
                new ReportFigure("thumbnails", "The same map with the images themselves.", embedding.RenderThumbnails(720, 40)) { ComparableAcrossRuns = false },
            ]));
    }

    private static bool Labelled(Datasets.LabeledImage image) => image.Label >= 0;

    /// <summary>One image's features: the tapped tensor's values, a spatial [C, H, W] tensor averaged over its positions to C values.</summary>
    private static float[] Features(TensorValue tap)
    {
        if (tap.Shape.Count != 3)
        {
            return [.. tap.Values];
        }

        var (channels, plane) = (tap.Shape[0], tap.Shape[1] * tap.Shape[2]);
        var pooled = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var sum = 0.0;
            for (var p = 0; p < plane; p++)
            {
                sum += tap.Values[(c * plane) + p];
            }

            pooled[c] = (float)(sum / plane);
        }

        return pooled;
    }
}
