using ModelAudit.Occlusion.Incremental;
using ModelAudit.Targets;

namespace ModelAudit.Occlusion;

/// <summary>Incremental inference through a split model (<see cref="OcclusionMode.Incremental"/>): rows go straight into the image's run.</summary>
internal sealed class IncrementalScorer(IncrementalRunner runner, OcclusionScore score) : IOcclusionScorer
{
    public void Score(OcclusionRun run, IReadOnlyList<int> windows, Action<int>? scored = null) =>
        runner.Score(run.Tensor, run.Fill, windows, new RunRows(run, windows, scored), run.ClassTarget, score);

    /// <summary>
    /// A run's entries, numbered by the call's windows; one lane records at a time (readings keep scratch state).
    /// Progress is told about every hundredth of the entries: a large dense map takes minutes.
    /// </summary>
    private sealed class RunRows(OcclusionRun run, IReadOnlyList<int> windows, Action<int>? scored) : IRowSink
    {
        private readonly int _step = Math.Max(1, (windows.Count + 1) / 100);
        private int _done;

        public TargetReading? Reading => run.Reading;

        public void Row(int entry, ReadOnlySpan<float> row)
        {
            lock (run)
            {
                run.Record(entry == 0 ? 0 : windows[entry - 1] + 1, row);
                Done();
            }
        }

        public void Estimate(int entry, double score)
        {
            lock (run)
            {
                run.Estimate(windows[entry - 1], score, double.NaN);
                Done();
            }
        }

        private void Done()
        {
            if (++_done % _step == 0 || _done == windows.Count + 1)
            {
                scored?.Invoke(_done);
            }
        }
    }
}
