using ModelAudit.Gradients.Backward;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Occlusion;

/// <summary>
/// Full re-inference: occluded images are written into one chunk buffer, reused for every chunk of every image, and
/// scored by the model's batched engine; each row is recorded into its run as soon as its chunk is scored. The rows
/// are a bound target's tensor when <paramref name="bound"/> is set; otherwise class scores: with
/// <paramref name="logits"/> the class logits (the input of a final Softmax, read from the same pass), else the
/// model's probabilities.
/// </summary>
internal sealed class FullScorer(AuditModel model, OcclusionPlan plan, int batch, bool logits, BoundTarget? bound, Func<int, float[]> buffer) : IOcclusionScorer
{
    /// <summary>What one chunk's input tensors and output rows may take together.</summary>
    internal const long ChunkBudgetBytes = 256L << 20;

    /// <summary>The tensor holding the logits: the model's output, or the input of its final Softmax.</summary>
    private readonly string? _logits = bound is null && logits && model.OutputsProbabilities ? GradientTargets.Logits(model) : null;

    // A dense model's rows are whole maps (21×1024×1024 floats for a segmenter at 1024²): fewer images per chunk then.
    private readonly int _batch = (int)Math.Clamp(ChunkBudgetBytes / sizeof(float) / ((long)model.Spec.TensorLength + (bound?.RowLength ?? model.ClassCount)), 1, batch);

    public void Score(OcclusionRun run, IReadOnlyList<int> windows, Action<int>? scored = null) =>
        Stream(windows.Count + 1, k => (run, k == 0 ? 0 : windows[k - 1] + 1), scored);

    /// <summary>
    /// Every window of every run, streamed through shared chunks: one image's last partial chunk is filled with the
    /// next image's windows.
    /// </summary>
    public void ScoreAll(IReadOnlyList<OcclusionRun> runs, Action<int>? scored = null)
    {
        var perRun = plan.Boxes.Length + 1;
        Stream(runs.Count * perRun, k => (runs[k / perRun], k % perRun), scored);
    }

    /// <summary>
    /// Scores <paramref name="total"/> occluded images, <paramref name="entry"/> naming the run and entry of each, in
    /// chunks built in the reused buffer, and records each image's row into its run.
    /// </summary>
    private void Stream(int total, Func<int, (OcclusionRun Run, int Entry)> entry, Action<int>? scored = null)
    {
        var classes = bound?.RowLength ?? model.ClassCount;
        var length = model.Spec.TensorLength;
        for (var start = 0; start < total; start += _batch)
        {
            var count = Math.Min(_batch, total - start);
            var chunk = buffer(count * length);
            for (var j = 0; j < count; j++)
            {
                var (run, e) = entry(start + j);
                run.WriteEntry(e, plan, chunk.AsSpan(j * length, length));
            }

            var rows = Rows(chunk.AsSpan(0, count * length), count);
            for (var j = 0; j < count; j++)
            {
                var (run, e) = entry(start + j);
                run.Record(e, rows.AsSpan(j * classes, classes));
            }

            scored?.Invoke(start + count);
        }
    }

    private float[] Rows(ReadOnlySpan<float> tensors, int count) =>
        bound is not null ? Tensor(model.Run(tensors, count, [bound.Tensor]), bound.Tensor)
        : !logits ? model.Probabilities(tensors, count)
        : _logits is null ? model.Run(tensors, count, []).Data[0]
        : model.Run(tensors, count, [_logits]).Data[1];

    private static float[] Tensor(EngineResult result, string name) => result.Data[result.IndexOf(name)];
}
