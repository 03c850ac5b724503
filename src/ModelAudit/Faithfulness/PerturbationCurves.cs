using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Faithfulness;

/// <summary>
/// Deletion and insertion curves (Samek et al. 2017; Petsiuk et al. 2018, RISE): does the model's score follow the
/// map? Deletion removes the map's top-ranked pixels from the image, a growing fraction at a time, and watches the
/// score fall; insertion starts from the fully filled image and restores the top-ranked pixels, and watches it rise.
/// Works on any <see cref="IPixelMap"/> at the model's input size; pixels are ranked by value, most evidence first.
/// </summary>
/// <remarks>
/// Every perturbed image of every image goes through the model's batched engine in one chunked run: 2 × Steps forward
/// passes per image. The fill defaults to ROAD's noisy linear imputation (<see cref="PerturbationFill.NoisyLinear"/>),
/// so the score falls because evidence is gone rather than because the holes look odd.
/// </remarks>
public sealed class PerturbationCurves(AuditModel model)
{
    /// <summary>The curves of <paramref name="images"/>, each ranked by the map at the same index.</summary>
    public PerturbationCurveResult Compute(IReadOnlyList<RgbImage> images, IReadOnlyList<IPixelMap> maps, PerturbationCurveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Compute(images, images.Select(i => i is null ? null! : TargetImage.Of(i)).ToArray(), maps, options);
    }

    /// <summary>As for plain images; the target may use each image's label, box, mask or text.</summary>
    public PerturbationCurveResult Compute(IReadOnlyList<LabeledImage> images, IReadOnlyList<IPixelMap> maps, PerturbationCurveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Compute(images.Select(i => i.Image).ToArray(), images.Select(TargetImage.Of).ToArray(), maps, options);
    }

    private PerturbationCurveResult Compute(IReadOnlyList<RgbImage> images, TargetImage[] about, IReadOnlyList<IPixelMap> maps, PerturbationCurveOptions? options)
    {
        var o = options ?? PerturbationCurveOptions.Default;
        o.Validate();
        MapInputs.Check(model.Spec, images, maps, "Perturbation curves");
        var perturbers = images.Select(i => new Perturber(model.Spec, i, o.Fill)).ToArray();
        var scores = new TargetScores(model, o.Target, perturbers, about);
        var orders = maps.Select(PixelRanking.Order).ToArray();
        var (steps, plane) = (o.Steps, perturbers[0].Plane);
        var counts = Enumerable.Range(0, steps + 1).Select(s => (int)Math.Round((double)s * plane / steps)).ToArray();

        // Per image: input 0 is the fully filled image, 1..Steps−1 delete, Steps..2·Steps−2 insert.
        var perImage = (2 * steps) - 1;
        var perturbed = scores.Score(images.Count * perImage, k => k / perImage, (k, destination) =>
        {
            var (i, j) = (k / perImage, k % perImage);
            var removed = new bool[plane];
            var deleting = j > 0 && j < steps;
            var top = j == 0 ? 0 : deleting ? counts[j] : counts[j - steps + 1];
            Array.Fill(removed, !deleting);
            foreach (var p in orders[i].AsSpan(0, top))
            {
                removed[p] = deleting;
            }

            perturbers[i].Write(removed, destination, SeedMix.Of(o.Seed, i, j));
        });

        var labels = scores.Labels.ToArray();
        var curves = new ImageCurves[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var row = perturbed.AsSpan(i * perImage, perImage);
            var (clean, empty) = (scores.Clean[i], row[0]);
            var deletion = new double[steps + 1];
            var insertion = new double[steps + 1];
            (deletion[0], deletion[steps], insertion[0], insertion[steps]) = (clean, empty, empty, clean);
            for (var s = 1; s < steps; s++)
            {
                deletion[s] = row[s];
                insertion[s] = row[s + steps - 1];
            }

            curves[i] = new ImageCurves(labels[i], clean, empty, deletion, insertion);
        }

        return new PerturbationCurveResult(PixelMapNames.MethodOf(maps), o.Fill, scores.ScoreName, curves, scores.ForwardPasses);
    }
}
