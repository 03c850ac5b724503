using System.Globalization;
using ModelAudit.Snapshots;

namespace ModelAudit.Faithfulness;

/// <summary>
/// The outcome of <see cref="PerturbationCurves"/>: each image's deletion and insertion curves and their means. The
/// headline numbers, <see cref="InsertionAuc"/> and <see cref="DeletionAuc"/>, are normalised so that 1 is the clean
/// image's score and 0 the fully filled image's: a faithful map has a high insertion and a low deletion AUC, a map
/// that knows nothing scores about 0.5 on both.
/// </summary>
/// <param name="Method">How the maps were made, e.g. <c>saliency</c> (several methods joined by '+').</param>
/// <param name="Fill">What removed pixels showed.</param>
/// <param name="Score">What was watched: "probability" for class targets, else the target's description.</param>
/// <param name="Images">Per image, in order.</param>
/// <param name="ForwardPasses">Inputs run through the model: 2 × Steps per image (the clean image, the fully filled one, and Steps − 1 inside each curve).</param>
public sealed record PerturbationCurveResult(string Method, PerturbationFill Fill, string Score, IReadOnlyList<ImageCurves> Images, int ForwardPasses) : ISnapshotSource
{
    public int ImageCount => Images.Count;

    /// <summary>The fractions of pixels the curves are measured at: 0, 1/Steps, …, 1.</summary>
    public IReadOnlyList<double> Fractions => Images.Count == 0
        ? []
        : Enumerable.Range(0, Images[0].Deletion.Count).Select(k => (double)k / (Images[0].Deletion.Count - 1)).ToArray();

    /// <summary>The mean deletion curve over the images, in the score's units.</summary>
    public IReadOnlyList<double> MeanDeletion => CurveArea.Mean(Images.Select(i => i.Deletion));

    /// <summary>The mean insertion curve over the images, in the score's units.</summary>
    public IReadOnlyList<double> MeanInsertion => CurveArea.Mean(Images.Select(i => i.Insertion));

    /// <summary>The mean score of the images themselves.</summary>
    public double MeanCleanScore => Images.Count == 0 ? double.NaN : Images.Average(i => i.CleanScore);

    /// <summary>The mean score of the fully filled images.</summary>
    public double MeanEmptyScore => Images.Count == 0 ? double.NaN : Images.Average(i => i.EmptyScore);

    /// <summary>The area under <see cref="MeanDeletion"/> (the mean of the images' raw areas), in the score's units.</summary>
    public double RawDeletionAuc => CurveArea.Trapezoid(MeanDeletion);

    /// <summary>The area under <see cref="MeanInsertion"/>, in the score's units.</summary>
    public double RawInsertionAuc => CurveArea.Trapezoid(MeanInsertion);

    /// <summary>
    /// The mean deletion curve's area normalised by the mean clean and fully filled scores:
    /// (RawDeletionAuc − MeanEmptyScore) / (MeanCleanScore − MeanEmptyScore). That is the images' normalised areas
    /// averaged with weights |clean − filled|, so an image whose score barely moves cannot swing the mean. NaN when the
    /// mean scores differ by less than 1% of the larger.
    /// </summary>
    public double DeletionAuc => CurveArea.Normalise(RawDeletionAuc, MeanCleanScore, MeanEmptyScore);

    /// <summary>The mean insertion curve's area, normalised as <see cref="DeletionAuc"/> is.</summary>
    public double InsertionAuc => CurveArea.Normalise(RawInsertionAuc, MeanCleanScore, MeanEmptyScore);

    /// <summary>
    /// <see cref="InsertionAuc"/> − <see cref="DeletionAuc"/>: how much better the map's top pixels carry the score than
    /// its bottom ones. The insertion curve is the deletion of the least relevant pixels read backwards, so this is the
    /// symmetric relevance gain of Blücher et al. (2024), which stays fair when the fill lets the model guess removed
    /// pixels back (noisy linear imputation from a few scattered or edge pixels restores much of a simple image, lifting
    /// every insertion curve). About 0 for a map that knows nothing, up to 1.
    /// </summary>
    public double RelevanceGain => InsertionAuc - DeletionAuc;

    /// <summary>Images whose own curves could be normalised (<see cref="ImageCurves.IsMeasured"/>).</summary>
    public int MeasuredImages => Images.Count(i => i.IsMeasured);

    /// <summary>The fill's name in reports: noisy-linear, mean, blur or zero.</summary>
    public string FillName => FillNames.Of(Fill);

    public Snapshot ToSnapshot()
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["deletion_auc"] = DeletionAuc,
            ["relevance_gain"] = RelevanceGain,
            ["insertion_auc"] = InsertionAuc,
            ["raw_deletion_auc"] = RawDeletionAuc,
            ["raw_insertion_auc"] = RawInsertionAuc,
            ["clean_score"] = MeanCleanScore,
            ["empty_score"] = MeanEmptyScore,
            ["image_count"] = ImageCount,
            ["measured_images"] = MeasuredImages,
            ["forward_passes"] = ForwardPasses,
        };
        var (deletion, insertion) = (MeanDeletion, MeanInsertion);
        for (var k = 0; k < deletion.Count; k++)
        {
            metrics[string.Create(CultureInfo.InvariantCulture, $"deletion_{k:000}")] = deletion[k];
            metrics[string.Create(CultureInfo.InvariantCulture, $"insertion_{k:000}")] = insertion[k];
        }

        return Snapshot.Of(metrics, ("curves", PerturbationCurvePlot.Render(this)));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Method} on {ImageCount} image(s), {FillName} fill, {Score}: insertion AUC {InsertionAuc:0.000}, deletion AUC {DeletionAuc:0.000}, gain {RelevanceGain:0.000} " +
        $"(normalised; raw {RawInsertionAuc:0.###} and {RawDeletionAuc:0.###}; score {MeanCleanScore:0.###} clean, {MeanEmptyScore:0.###} filled; " +
        $"{MeasuredImages} image(s) measurable alone; {ForwardPasses} forward passes)");
}
