using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Embeddings;

/// <summary>Reads a layer's activations for labelled images, as an <see cref="Embedding"/>.</summary>
public sealed class EmbeddingExtractor(AuditModel model)
{
    // Images go to the engine a slice at a time so the input tensors stay small; the engine batches within.
    private const int Slice = 256;

    public AuditModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Extracts features for <paramref name="images"/> (class index per image in <paramref name="labels"/>), measures and maps them.</summary>
    public Embedding Compute(IReadOnlyList<RgbImage> images, IReadOnlyList<int> labels, EmbeddingOptions? options = null)
    {
        var o = options ?? new EmbeddingOptions();
        if (images.Count != labels.Count)
        {
            throw new ArgumentException($"There are {images.Count} images but {labels.Count} labels.", nameof(labels));
        }

        var layer = o.Layer ?? Model.Graph.PenultimateTensor
            ?? throw new ModelAuditException($"'{Model.Name}' has no final Gemm/MatMul layer to take features from; set EmbeddingOptions.Layer.");
        var spec = Model.Spec;
        var features = Array.Empty<float>();
        var dimension = 0;
        var input = new float[Math.Min(Slice, images.Count) * spec.TensorLength];
        for (var start = 0; start < images.Count; start += Slice)
        {
            var count = Math.Min(Slice, images.Count - start);
            for (var i = 0; i < count; i++)
            {
                spec.WriteTensor(images[start + i], input.AsSpan(i * spec.TensorLength, spec.TensorLength));
            }

            var result = Model.Run(input.AsSpan(0, count * spec.TensorLength), count, [layer]);
            var tap = result.Names.ToList().IndexOf(layer);
            if (start == 0)
            {
                dimension = result.Sample(tap, 0).Length;
                features = new float[images.Count * dimension];
            }

            for (var i = 0; i < count; i++)
            {
                result.Sample(tap, i).CopyTo(features.AsSpan((start + i) * dimension, dimension));
            }
        }

        return Embedding.FromFeatures(features, dimension, labels, o, layer, images);
    }
}
