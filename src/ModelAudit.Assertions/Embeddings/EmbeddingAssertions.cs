using System.Globalization;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using ModelAudit.Embeddings;

namespace ModelAudit.Assertions.Embeddings;

/// <summary>Assertions on how well an <see cref="Embedding"/> separates its classes.</summary>
public sealed class EmbeddingAssertions(Embedding subject) : ReferenceTypeAssertions<Embedding, EmbeddingAssertions>(subject)
{
    protected override string Identifier => "embedding";

    /// <summary>Asserts that the mean Euclidean silhouette of the features is at least <paramref name="minSilhouette"/>.</summary>
    public AndConstraint<EmbeddingAssertions> SeparateClasses(double minSilhouette = 0.3, string because = "", params object[] becauseArgs)
    {
        var s = Subject.Separation;
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(s.Silhouette >= minSilhouette)
            .FailWith(
                "Expected {context:embedding} of layer {0} to separate its classes with a silhouette of at least {1}{reason}, but found {2} (per class: " + PerClass(s.ClassSilhouette) + "; cosine silhouette {3}, {4}-NN accuracy {5}, Davies–Bouldin {6}).",
                Subject.Layer, minSilhouette, Round(s.Silhouette), Round(s.CosineSilhouette), s.KnnK, Round(s.KnnAccuracy), Round(s.DaviesBouldin));
        return new AndConstraint<EmbeddingAssertions>(this);
    }

    /// <summary>Asserts that the leave-one-out k-NN accuracy of the features is above <paramref name="minAccuracy"/>.</summary>
    public AndConstraint<EmbeddingAssertions> HaveKnnAccuracyAbove(double minAccuracy, string because = "", params object[] becauseArgs)
    {
        var s = Subject.Separation;
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(s.KnnAccuracy > minAccuracy)
            .FailWith(
                "Expected {context:embedding} of layer {0} to have a leave-one-out {1}-NN accuracy above {2}{reason}, but found {3} (per class: " + PerClass(s.ClassKnnAccuracy) + "; silhouette {4}).",
                Subject.Layer, s.KnnK, minAccuracy, Round(s.KnnAccuracy), Round(s.Silhouette));
        return new AndConstraint<EmbeddingAssertions>(this);
    }

    private static double Round(double v) => Math.Round(v, 4);

    /// <summary>"name value, …" spliced into the message format, so braces are escaped for FluentAssertions.</summary>
    private string PerClass(IReadOnlyList<double> values) =>
        string.Join(", ", values.Select((v, k) => $"{Subject.ClassNames[k]} {v.ToString("F3", CultureInfo.InvariantCulture)}"))
            .Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
