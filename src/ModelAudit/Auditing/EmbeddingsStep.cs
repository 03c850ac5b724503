using ModelAudit.Embeddings;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

internal sealed class EmbeddingsStep(EmbeddingsConfig config) : IAuditStep
{
    public string Name => "embeddings";

    public void Run(AuditContext context)
    {
        var images = context.Images.Take(config.MaxImages).ToArray();
        var embedding = new EmbeddingExtractor(context.Model).Of(
            images.Select(i => i.Image).ToArray(),
            images.Select(i => i.Label).ToArray(),
            new EmbeddingOptions { Layer = config.Layer, ClassNames = context.Classes });
        var s = embedding.Separation;
        context.Gate(Name, $"silhouette of the classes in {embedding.Layer}", s.Silhouette, Comparison.AtLeast, config.MinSilhouette);
        context.Gate(Name, $"{s.KnnK}-NN leave-one-out accuracy in {embedding.Layer}", s.KnnAccuracy, Comparison.AtLeast, config.MinKnnAccuracy);
        context.Add(new ReportSection(
            "Embedding separation",
            $"Features of {embedding.Count} images at {embedding.Layer} ({embedding.Dimension}-D), mapped to 2-D with {embedding.Map.Method} (CS231n: a good representation groups images by class).",
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
                new ReportFigure("scatter", $"{embedding.Map.Method} map coloured by class.", embedding.RenderScatter(640, 512)),
                new ReportFigure("thumbnails", "The same map with the images themselves.", embedding.RenderThumbnails(720, 40)),
            ]));
    }
}
