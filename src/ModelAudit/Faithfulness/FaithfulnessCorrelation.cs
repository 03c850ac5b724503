using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Faithfulness;

/// <summary>
/// Faithfulness correlation (Bhatt et al. 2020, as in Quantus): fill random subsets of pixels and check that the map's
/// weight on each subset predicts how far the score drops. Per image, the Pearson correlation over the subsets between
/// Σ attribution on the subset and clean score − perturbed score; 1 when the map's weights add up like the model's
/// evidence, about 0 when they do not. Works on any <see cref="IPixelMap"/> at the model's input size (signed values
/// are summed as they are). Every subset of every image goes through the model in one chunked run.
/// </summary>
public sealed class FaithfulnessCorrelation(AuditModel model)
{
    /// <summary>The correlation of each image, whose map is the one at the same index (at the model's input size).</summary>
    public FaithfulnessCorrelationResult Compute(IReadOnlyList<RgbImage> images, IReadOnlyList<IPixelMap> maps, FaithfulnessCorrelationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Compute(images, images.Select(i => i is null ? null! : TargetImage.Of(i)).ToArray(), maps, options);
    }

    /// <summary>As for plain images; the target may use each image's label, box, mask or text.</summary>
    public FaithfulnessCorrelationResult Compute(IReadOnlyList<LabeledImage> images, IReadOnlyList<IPixelMap> maps, FaithfulnessCorrelationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Compute(images.Select(i => i.Image).ToArray(), images.Select(TargetImage.Of).ToArray(), maps, options);
    }

    private FaithfulnessCorrelationResult Compute(IReadOnlyList<RgbImage> images, TargetImage[] about, IReadOnlyList<IPixelMap> maps, FaithfulnessCorrelationOptions? options)
    {
        var o = options ?? FaithfulnessCorrelationOptions.Default;
        o.Validate();
        MapInputs.Check(model.Spec, images, maps, "Faithfulness correlation");
        var perturbers = images.Select(i => new Perturber(model.Spec, i, o.Fill)).ToArray();
        var scores = new TargetScores(model, o.Target, perturbers, about);
        var plane = perturbers[0].Plane;
        var size = Math.Clamp((int)Math.Round(o.SubsetFraction * plane), 1, plane - 1);
        var subsets = images.Select((_, i) => Subsets(plane, size, o.Subsets, SeedMix.Of(o.Seed, i, -1))).ToArray();

        var perturbed = scores.Score(images.Count * o.Subsets, k => k / o.Subsets, (k, destination) =>
        {
            var (i, j) = (k / o.Subsets, k % o.Subsets);
            var removed = new bool[plane];
            foreach (var p in subsets[i][j])
            {
                removed[p] = true;
            }

            perturbers[i].Write(removed, destination, SeedMix.Of(o.Seed, i, j));
        });

        var correlations = new double[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var values = maps[i].Values.ToArray();
            var sums = subsets[i].Select(s => s.Sum(p => (double)values[p])).ToArray();
            var drops = Enumerable.Range(0, o.Subsets).Select(j => scores.Clean[i] - perturbed[(i * o.Subsets) + j]).ToArray();
            correlations[i] = Pearson(sums, drops);
        }

        return new FaithfulnessCorrelationResult(PixelMapNames.MethodOf(maps), o.Fill, scores.ScoreName, correlations, o.Subsets, size, scores.ForwardPasses);
    }

    /// <summary><paramref name="count"/> subsets of <paramref name="size"/> distinct pixels, each by a partial Fisher–Yates shuffle.</summary>
    private static int[][] Subsets(int plane, int size, int count, int seed)
    {
        var random = new Random(seed);
        var pixels = Enumerable.Range(0, plane).ToArray();
        var subsets = new int[count][];
        for (var j = 0; j < count; j++)
        {
            for (var k = 0; k < size; k++)
            {
                var pick = random.Next(k, plane);
                (pixels[k], pixels[pick]) = (pixels[pick], pixels[k]);
            }

            subsets[j] = pixels[..size];
        }

        return subsets;
    }

    /// <summary>Pearson's r; NaN when either side does not vary.</summary>
    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : double.NaN;
    }
}
