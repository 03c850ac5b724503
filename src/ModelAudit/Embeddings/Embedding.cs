using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Embeddings;

/// <summary>
/// Feature vectors of a labelled image set at one layer, with how well they separate the classes and a 2-D map.
/// Build one with <see cref="EmbeddingExtractor.Compute"/> or, for features computed elsewhere, <see cref="FromFeatures"/>.
/// </summary>
public sealed record Embedding : ISnapshotSource
{
    private Embedding(string layer, float[] features, int dimension, int[] labels, IReadOnlyList<string> classNames, IReadOnlyList<RgbImage>? images, EmbeddingOptions options)
    {
        Layer = layer;
        Features = features;
        Dimension = dimension;
        Labels = labels;
        ClassNames = classNames;
        Images = images;
        Separation = SeparationSummary.Measure(features, dimension, labels, options.KnnK);
        Map = Project(features, dimension, options);
    }

    /// <summary>The tensor the features were read from.</summary>
    public string Layer { get; }

    /// <summary>Feature rows, <c>Count × Dimension</c> row-major.</summary>
    public float[] Features { get; }

    public int Dimension { get; }

    public int Count => Labels.Count;

    public IReadOnlyList<int> Labels { get; }

    /// <summary>One name per class index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The images, when known, for the thumbnail map.</summary>
    public IReadOnlyList<RgbImage>? Images { get; }

    public SeparationSummary Separation { get; }

    public EmbeddingMap Map { get; }

    /// <summary>Measures and maps feature rows computed elsewhere (<c>n × dimension</c>, row-major).</summary>
    public static Embedding FromFeatures(float[] features, int dimension, IReadOnlyList<int> labels, EmbeddingOptions? options = null, string layer = "features", IReadOnlyList<RgbImage>? images = null)
    {
        var o = options ?? new EmbeddingOptions();
        var n = FeatureMatrix.Rows(features, dimension, labels);
        var classes = FeatureMatrix.ClassCount(labels);
        o.Validate(n, classes);
        if (images is not null && images.Count != n)
        {
            throw new ArgumentException($"There are {n} feature rows but {images.Count} images.", nameof(images));
        }

        var names = o.ClassNames?.ToArray() ?? Enumerable.Range(0, classes).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new Embedding(layer, (float[])features.Clone(), dimension, [.. labels], names, images, o);
    }

    /// <summary>Scatter plot of the map, one colour per class, with a legend.</summary>
    public RgbImage RenderScatter(int width = 800, int height = 640) => EmbeddingPlots.Scatter(this, width, height);

    /// <summary>The images themselves placed at their map positions, framed in their class colour.</summary>
    public RgbImage RenderThumbnails(int size = 1200, int thumbnail = 48) => EmbeddingPlots.Thumbnails(this, size, thumbnail);

    public Snapshot ToSnapshot()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["silhouette"] = Separation.Silhouette,
            ["silhouette_cosine"] = Separation.CosineSilhouette,
            ["knn_accuracy"] = Separation.KnnAccuracy,
            ["davies_bouldin"] = Separation.DaviesBouldin,
            ["scatter_ratio"] = Separation.ScatterRatio,
            ["map_trustworthiness"] = Map.Trustworthiness,
        };
        for (var k = 0; k < ClassNames.Count; k++)
        {
            metrics[$"silhouette_{ClassNames[k]}"] = Separation.ClassSilhouette[k];
        }

        return Images is null
            ? Snapshot.Of(metrics, ("scatter", RenderScatter()))
            : Snapshot.Of(metrics, ("scatter", RenderScatter()), ("thumbnails", RenderThumbnails()));
    }

    private static EmbeddingMap Project(float[] x, int d, EmbeddingOptions o)
    {
        var n = x.Length / d;
        var k = Math.Min(o.TrustworthinessK, (n / 2) - 1);
        if (o.Projection == EmbeddingProjection.Pca || d < 2)
        {
            var pca = Pca.Fit(x, d, Math.Min(2, d), o.Tsne.Seed);
            var points = d < 2 ? pca.Projection.SelectMany(v => new[] { v, 0f }).ToArray() : pca.Projection;
            return new EmbeddingMap("PCA", points, SeparationMetrics.Trustworthiness(x, d, points, 2, k), k, null, pca.ExplainedVarianceRatio);
        }

        var tsne = Tsne.Embed(x, d, o.Tsne);
        return new EmbeddingMap("t-SNE", tsne.Points, SeparationMetrics.Trustworthiness(x, d, tsne.Points, 2, k), k, tsne.KlDivergence, null);
    }
}
