using ModelAudit.Gradients.Backward;
using ModelAudit.Models;

namespace ModelAudit.Occlusion;

/// <summary>
/// Full re-inference: occluded images are written into one chunk buffer, reused for every chunk of every image, and
/// scored by the model's batched engine. With <paramref name="logits"/> each image's row holds the class logits (the
/// input of a final Softmax, read from the same pass), otherwise the model's probabilities.
/// </summary>
internal sealed class FullScorer(AuditModel model, OcclusionPlan plan, int batch, bool logits, Func<int, float[]> buffer) : IOcclusionScorer
{
    /// <summary>The tensor holding the logits: the model's output, or the input of its final Softmax.</summary>
    private readonly string? _logits = logits && model.OutputsProbabilities ? GradientTargets.Logits(model) : null;

    public float[] Score(OcclusionRun run, IReadOnlyList<int> windows)
    {
        var classes = model.ClassCount;
        var scores = new float[(windows.Count + 1) * classes];
        Stream(windows.Count + 1, k => (run, k == 0 ? 0 : windows[k - 1] + 1), (k, p) => p.CopyTo(scores.AsSpan(k * classes)));
        return scores;
    }

    /// <summary>
    /// Every window of every run, streamed through shared chunks: one image's last partial chunk is filled with the
    /// next image's windows. Returns, per run, the layout <see cref="Score"/> returns for all windows.
    /// </summary>
    public float[][] ScoreAll(IReadOnlyList<OcclusionRun> runs, Action<int>? scored = null)
    {
        var classes = model.ClassCount;
        var perRun = plan.Boxes.Length + 1;
        var scores = runs.Select(_ => new float[perRun * classes]).ToArray();
        Stream(runs.Count * perRun, k => (runs[k / perRun], k % perRun), (k, p) => p.CopyTo(scores[k / perRun].AsSpan((k % perRun) * classes)), scored);
        return scores;
    }

    /// <summary>
    /// Scores <paramref name="total"/> occluded images, <paramref name="entry"/> naming the run and entry of each, in
    /// chunks built in the reused buffer; <paramref name="store"/> gets each image's row of class scores.
    /// </summary>
    private void Stream(int total, Func<int, (OcclusionRun Run, int Entry)> entry, Action<int, ReadOnlySpan<float>> store, Action<int>? scored = null)
    {
        var classes = model.ClassCount;
        var length = model.Spec.TensorLength;
        for (var start = 0; start < total; start += batch)
        {
            var count = Math.Min(batch, total - start);
            var chunk = buffer(count * length);
            for (var j = 0; j < count; j++)
            {
                var (run, e) = entry(start + j);
                run.WriteEntry(e, plan, chunk.AsSpan(j * length, length));
            }

            var rows = Rows(chunk.AsSpan(0, count * length), count);
            for (var j = 0; j < count; j++)
            {
                store(start + j, rows.AsSpan(j * classes, classes));
            }

            scored?.Invoke(start + count);
        }
    }

    private float[] Rows(ReadOnlySpan<float> tensors, int count) =>
        !logits ? model.Probabilities(tensors, count)
        : _logits is null ? model.Run(tensors, count, []).Data[0]
        : model.Run(tensors, count, [_logits]).Data[1];
}
