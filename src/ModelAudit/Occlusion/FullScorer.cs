using ModelAudit.Models;

namespace ModelAudit.Occlusion;

/// <summary>
/// Full re-inference: occluded images are written into one chunk buffer, reused for every chunk of every image, and
/// scored by the model's batched engine.
/// </summary>
internal sealed class FullScorer(AuditModel model, OcclusionPlan plan, int batch, Func<int, float[]> buffer) : IOcclusionScorer
{
    public float[] Score(OcclusionRun run, IReadOnlyList<int> windows)
    {
        var classes = model.ClassCount;
        var length = model.Spec.TensorLength;
        var total = windows.Count + 1;
        var scores = new float[total * classes];
        for (var start = 0; start < total; start += batch)
        {
            var count = Math.Min(batch, total - start);
            var chunk = buffer(count * length);
            for (var j = 0; j < count; j++)
            {
                var entry = start + j;
                run.WriteEntry(entry == 0 ? 0 : windows[entry - 1] + 1, plan, chunk.AsSpan(j * length, length));
            }

            model.Probabilities(chunk.AsSpan(0, count * length), count).CopyTo(scores.AsSpan(start * classes));
        }

        return scores;
    }

    /// <summary>
    /// Every window of every run, streamed through shared chunks: one image's last partial chunk is filled with the
    /// next image's windows. Returns, per run, the layout <see cref="Score"/> returns for all windows.
    /// </summary>
    public float[][] ScoreAll(IReadOnlyList<OcclusionRun> runs, Action<int>? scored = null)
    {
        var classes = model.ClassCount;
        var length = model.Spec.TensorLength;
        var perRun = plan.Boxes.Length + 1;
        var total = runs.Count * perRun;
        var scores = runs.Select(_ => new float[perRun * classes]).ToArray();
        for (var start = 0; start < total; start += batch)
        {
            var count = Math.Min(batch, total - start);
            var chunk = buffer(count * length);
            for (var j = 0; j < count; j++)
            {
                var (run, entry) = Math.DivRem(start + j, perRun);
                runs[run].WriteEntry(entry, plan, chunk.AsSpan(j * length, length));
            }

            var probabilities = model.Probabilities(chunk.AsSpan(0, count * length), count);
            for (var j = 0; j < count; j++)
            {
                var (run, entry) = Math.DivRem(start + j, perRun);
                probabilities.AsSpan(j * classes, classes).CopyTo(scores[run].AsSpan(entry * classes));
            }

            scored?.Invoke(start + count);
        }

        return scores;
    }
}
