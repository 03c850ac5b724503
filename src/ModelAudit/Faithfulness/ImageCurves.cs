using System.Globalization;

namespace ModelAudit.Faithfulness;

/// <summary>
/// The deletion and insertion curves of one image: the watched score at each fraction of pixels removed (deletion,
/// from the clean image) or restored (insertion, from the fully filled image), most evidence first. Both curves have
/// <see cref="PerturbationCurveOptions.Steps"/> + 1 points, at fractions 0, 1/Steps, …, 1.
/// </summary>
/// <param name="Target">What was watched on the image, e.g. "class 2".</param>
/// <param name="CleanScore">The score of the image itself: the deletion curve's first point and the insertion curve's last.</param>
/// <param name="EmptyScore">The score of the fully filled image: the deletion curve's last point and the insertion curve's first.</param>
/// <param name="Deletion">Scores with the top fraction of pixels removed.</param>
/// <param name="Insertion">Scores with only the top fraction of pixels restored.</param>
public sealed record ImageCurves(string Target, double CleanScore, double EmptyScore, IReadOnlyList<double> Deletion, IReadOnlyList<double> Insertion)
{
    /// <summary>The area under the deletion curve, fraction on [0, 1], in the score's units. Low is faithful.</summary>
    public double RawDeletionAuc => CurveArea.Trapezoid(Deletion);

    /// <summary>The area under the insertion curve, in the score's units. High is faithful.</summary>
    public double RawInsertionAuc => CurveArea.Trapezoid(Insertion);

    /// <summary>
    /// The deletion area rescaled so that the fully filled image scores 0 and the clean image 1:
    /// (area − EmptyScore) / (CleanScore − EmptyScore). 0 for a map whose first pixels take all the evidence, about 0.5
    /// for a map that knows nothing. NaN when the two scores differ by less than 1% of the larger (<see cref="IsMeasured"/>).
    /// </summary>
    public double DeletionAuc => CurveArea.Normalise(RawDeletionAuc, CleanScore, EmptyScore);

    /// <summary>The insertion area, rescaled like <see cref="DeletionAuc"/>: near 1 for a map whose first pixels bring back all the evidence.</summary>
    public double InsertionAuc => CurveArea.Normalise(RawInsertionAuc, CleanScore, EmptyScore);

    /// <summary><see cref="InsertionAuc"/> − <see cref="DeletionAuc"/>: the symmetric relevance gain (see <see cref="PerturbationCurveResult.RelevanceGain"/>).</summary>
    public double RelevanceGain => InsertionAuc - DeletionAuc;

    /// <summary>False when filling the whole image barely moves the score: the curves then cannot tell maps apart.</summary>
    public bool IsMeasured => CurveArea.IsMeasurable(CleanScore, EmptyScore);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Target}: insertion AUC {InsertionAuc:0.000}, deletion AUC {DeletionAuc:0.000} (score {CleanScore:0.###} clean, {EmptyScore:0.###} filled)");
}
