using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Occlusion;

/// <summary>
/// Occlusion sensitivity (Zeiler &amp; Fergus 2014): slide a window over the image, replace what it covers, and
/// watch the target class's probability. Where covering the image lowers it, the model found evidence there.
/// </summary>
/// <remarks>
/// Every occluded image of every image given goes through the model's batched engine in chunks of
/// <see cref="OcclusionOptions.BatchSize"/>, so several images share batches. The unoccluded image is scored in
/// the same stream, just before its windows.
/// </remarks>
public sealed class OcclusionSensitivity
{
    public OcclusionSensitivity(AuditModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    public AuditModel Model { get; }

    /// <summary>The occlusion map of one image.</summary>
    public OcclusionMap Compute(RgbImage image, OcclusionOptions? options = null) => Compute([image], options)[0];

    /// <summary>The occlusion maps of several images, in order; <paramref name="progress"/> hears after each chunk.</summary>
    public IReadOnlyList<OcclusionMap> Compute(IReadOnlyList<RgbImage> images, OcclusionOptions? options = null, IProgress<OcclusionProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        var o = options ?? OcclusionOptions.Default;
        var spec = Model.Spec;
        o.Validate(spec.Height, spec.Width, Model.ClassCount);
        for (var i = 0; i < images.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(images[i], $"{nameof(images)}[{i}]");
        }

        if (images.Count == 0)
        {
            return [];
        }

        var plan = new OcclusionPlan(spec, o);
        var runs = new OcclusionRun[images.Count];
        var perImage = plan.Boxes.Length + 1;
        var total = images.Count * perImage;
        var length = spec.TensorLength;
        var chunk = new float[Math.Min(o.BatchSize, total) * length];
        for (var start = 0; start < total; start += o.BatchSize)
        {
            var count = Math.Min(o.BatchSize, total - start);
            for (var j = 0; j < count; j++)
            {
                var (image, entry) = Math.DivRem(start + j, perImage);
                runs[image] ??= new OcclusionRun(ToModelSize(images[image]), spec, o.Fill, plan.Boxes.Length);
                runs[image].WriteEntry(entry, plan, chunk.AsSpan(j * length, length));
            }

            var probabilities = Score(chunk.AsSpan(0, count * length), count);
            for (var j = 0; j < count; j++)
            {
                var (image, entry) = Math.DivRem(start + j, perImage);
                runs[image].Record(entry, probabilities.AsSpan(j * Model.ClassCount, Model.ClassCount), o.Target);
            }

            progress?.Report(new OcclusionProgress(start + count, total));
        }

        return runs.Select(r => r.ToMap(plan, o)).ToArray();
    }

    /// <summary>The one place the model runs: class probabilities for <paramref name="count"/> input tensors.</summary>
    private float[] Score(ReadOnlySpan<float> tensors, int count) => Model.Probabilities(tensors, count);

    private RgbImage ToModelSize(RgbImage image) =>
        image.Width == Model.Spec.Width && image.Height == Model.Spec.Height ? image : ImageOps.Resize(image, Model.Spec.Width, Model.Spec.Height);
}
