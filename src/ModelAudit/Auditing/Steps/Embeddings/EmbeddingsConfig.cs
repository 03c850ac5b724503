namespace ModelAudit.Auditing;

/// <summary>The <c>embeddings</c> audit: how well a layer's features separate the classes, with a 2-D map.</summary>
public sealed record EmbeddingsConfig : AuditSection
{
    /// <summary>The feature tensor; default the input of the classifier layer.</summary>
    public string? Layer { get; init; }

    /// <summary>Gate: silhouette of the classes in feature space, −1..1.</summary>
    public double? MinSilhouette { get; init; }

    /// <summary>Gate: leave-one-out k-NN accuracy, 0..1.</summary>
    [ConfigSuggested(0.9)]
    public double? MinKnnAccuracy { get; init; }

    /// <summary>How many images are embedded. Default 400.</summary>
    public int MaxImages { get; init; } = 400;

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("min_silhouette", MinSilhouette, -1, 1);
        check.Threshold("min_knn_accuracy", MinKnnAccuracy, 0, 1);
    }
}
