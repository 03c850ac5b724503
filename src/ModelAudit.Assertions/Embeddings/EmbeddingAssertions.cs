using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Embeddings;

namespace ModelAudit.Assertions.Embeddings;

/// <summary>Assertions on how well an <see cref="Embedding"/> separates its classes; failures give the per-class scores.</summary>
public sealed class EmbeddingAssertions(Embedding subject) : ReferenceTypeAssertions<Embedding, EmbeddingAssertions>(subject)
{
    protected override string Identifier => "embedding";

    /// <summary>Asserts that the mean Euclidean silhouette of the features (in [-1, 1]) is at least <paramref name="minSilhouette"/>.</summary>
    public AndConstraint<EmbeddingAssertions> SeparateClasses(double minSilhouette = 0.3, string because = "", params object[] becauseArgs)
    {
        Guard.Within(minSilhouette, -1, 1, nameof(minSilhouette));
        var expectation = $"separate its classes with a silhouette of at least {Numbers.Plain(minSilhouette)}";
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var s = Subject.Separation;
            Failure.Unless(s.Silhouette >= minSilhouette, Identifier, OfLayer, expectation,
                () => Numbers.Invariant($"{s.Silhouette:0.####} (per class: {PerClass(s.ClassSilhouette)}; cosine silhouette {s.CosineSilhouette:0.####}, {s.KnnK}-NN accuracy {s.KnnAccuracy:0.####}, Davies–Bouldin {s.DaviesBouldin:0.####})"),
                because, becauseArgs);
        }

        return new AndConstraint<EmbeddingAssertions>(this);
    }

    /// <summary>Asserts that the leave-one-out k-NN accuracy of the features is above <paramref name="minAccuracy"/> (in [0, 1]).</summary>
    public AndConstraint<EmbeddingAssertions> HaveKnnAccuracyAbove(double minAccuracy, string because = "", params object[] becauseArgs)
    {
        Guard.Fraction(minAccuracy, nameof(minAccuracy));
        if (Failure.NotNull(Subject, Identifier, $"have a leave-one-out k-NN accuracy above {Numbers.Plain(minAccuracy)}", because, becauseArgs))
        {
            var s = Subject.Separation;
            Failure.Unless(s.KnnAccuracy > minAccuracy, Identifier, OfLayer, Numbers.Invariant($"have a leave-one-out {s.KnnK}-NN accuracy above {Numbers.Plain(minAccuracy)}"),
                () => Numbers.Invariant($"{s.KnnAccuracy:0.####} (per class: {PerClass(s.ClassKnnAccuracy)}; silhouette {s.Silhouette:0.####})"),
                because, becauseArgs);
        }

        return new AndConstraint<EmbeddingAssertions>(this);
    }

    private string OfLayer => $" of layer {Subject.Layer}";

    private string PerClass(IReadOnlyList<double> values) =>
        string.Join(", ", values.Select((v, k) => Numbers.Invariant($"{Subject.ClassNames[k]} {v:F3}")));
}
