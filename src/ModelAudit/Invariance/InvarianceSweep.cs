using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Invariance;

/// <summary>
/// Sweeps a transform over a set of images and measures, per value, how the model's prediction and features move
/// (Zeiler and Fergus, "feature invariance"). The untransformed and all transformed images go through the batched
/// engine in one run, with the measured layers tapped.
/// </summary>
public sealed class InvarianceSweep
{
    private readonly AuditModel _model;

    public InvarianceSweep(AuditModel model) => _model = model ?? throw new ArgumentNullException(nameof(model));

    /// <param name="transform">The transform and its values.</param>
    /// <param name="images">The images; each is compared with its own transformed versions.</param>
    /// <param name="labels">True classes, one per image; when null, each image's untransformed top-1 is its target.</param>
    /// <param name="options">The layers whose features are compared; default <see cref="InvarianceOptions"/>.</param>
    public InvarianceCurve Compute(Transform transform, IReadOnlyList<RgbImage> images, IReadOnlyList<int>? labels = null, InvarianceOptions? options = null) =>
        Sample(transform, images, labels, options).Curve(_model.Name, transform, labels is not null);

    /// <summary>
    /// Each image's probability, agreement and feature distances at every value, before they are averaged.
    /// <paramref name="positions"/> are the images' places in the whole set (default 0, 1, …): they pick each image's
    /// noise field, so a shard of the set gets the noise the whole set's run gives those images.
    /// </summary>
    internal InvarianceSamples Sample(Transform transform, IReadOnlyList<RgbImage> images, IReadOnlyList<int>? labels = null, InvarianceOptions? options = null, IReadOnlyList<int>? positions = null)
    {
        ArgumentNullException.ThrowIfNull(transform);
        Validate(images, labels);
        var layers = (options ?? new InvarianceOptions()).ResolveLayers(_model);
        var values = transform.Values;
        var n = images.Count;
        var length = _model.Spec.TensorLength;
        var tensors = new float[(values.Count + 1) * n * length];

        // Slot k = v·n + i holds image i at value v; the last n slots hold the untransformed images.
        Parallel.For(0, (values.Count + 1) * n, k =>
        {
            var (v, i) = (k / n, k % n);
            var image = v < values.Count ? transform.Apply(images[i], values[v], positions?[i] ?? i) : images[i];
            _model.Spec.WriteTensor(image, tensors.AsSpan(k * length, length));
        });

        var result = _model.Run(tensors, (values.Count + 1) * n, layers);
        var probabilities = Probabilities(result.Data[0], (values.Count + 1) * n);
        var reference = values.Count * n;
        var top1 = Enumerable.Range(0, n).Select(i => Prediction.ArgMax(Row(probabilities, reference + i))).ToArray();
        var targets = labels?.ToArray() ?? top1;
        var layerIndex = layers.Select(result.IndexOf).ToArray();
        var rows = new InvarianceImageSamples[n];
        for (var i = 0; i < n; i++)
        {
            var p = new double[values.Count];
            var agrees = new bool[values.Count];
            var distance = layers.Select(_ => new double[values.Count]).ToArray();
            for (var v = 0; v < values.Count; v++)
            {
                var row = Row(probabilities, (v * n) + i);
                p[v] = row[targets[i]];
                agrees[v] = Prediction.ArgMax(row) == top1[i];
                for (var l = 0; l < layers.Count; l++)
                {
                    distance[l][v] = FeatureDistance(result.Sample(layerIndex[l], (v * n) + i), result.Sample(layerIndex[l], reference + i));
                }
            }

            rows[i] = new InvarianceImageSamples(p, agrees, distance);
        }

        return new InvarianceSamples(values.ToArray(), layers, rows);
    }

    /// <summary>‖a − b‖ / ‖b‖; zero features that stay zero count as unchanged.</summary>
    internal static double FeatureDistance(ReadOnlySpan<float> transformed, ReadOnlySpan<float> original)
    {
        double diff = 0, norm = 0;
        for (var i = 0; i < original.Length; i++)
        {
            var d = (double)transformed[i] - original[i];
            diff += d * d;
            norm += (double)original[i] * original[i];
        }

        return diff == 0 ? 0 : Math.Sqrt(diff) / Math.Max(Math.Sqrt(norm), 1e-12);
    }

    private static ReadOnlySpan<float> Row(float[] probabilities, int sample, int classes) => probabilities.AsSpan(sample * classes, classes);

    private ReadOnlySpan<float> Row(float[] probabilities, int sample) => Row(probabilities, sample, _model.ClassCount);

    private float[] Probabilities(float[] scores, int count)
    {
        if (_model.OutputsProbabilities)
        {
            return scores;
        }

        var k = _model.ClassCount;
        var probabilities = new float[scores.Length];
        for (var s = 0; s < count; s++)
        {
            AuditModel.Softmax(scores.AsSpan(s * k, k)).CopyTo(probabilities, s * k);
        }

        return probabilities;
    }

    private void Validate(IReadOnlyList<RgbImage> images, IReadOnlyList<int>? labels)
    {
        if (images.Count == 0)
        {
            throw new ArgumentException("An invariance sweep needs at least one image.", nameof(images));
        }

        if (labels is null)
        {
            return;
        }

        if (labels.Count != images.Count)
        {
            throw new ArgumentException($"Got {labels.Count} labels for {images.Count} images; give one label per image.", nameof(labels));
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= _model.ClassCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label #{i} is {labels[i]}, but '{_model.Name}' has classes 0..{_model.ClassCount - 1}.");
            }
        }
    }
}
