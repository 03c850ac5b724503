using ModelAudit.Gradients.Backward;
using ModelAudit.Models;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// Scores the windows of one image incrementally: the clean image's activations are computed once; each window
/// recomputes, unit by unit, only the region its change reaches, from crops of the clean activations with the
/// window's earlier patches pasted in; the suffix finishes from the split tensor with the window's last patch.
/// </summary>
/// <remarks>
/// The windows are dealt to two <see cref="IncrementalLane"/>s that run side by side, each on half the threads (one each on two
/// cores): the small runs of a split model keep one core busy each better than they share two (measured on ResNet-18:
/// two single-threaded lanes 8% faster than one lane on both cores). Within a lane a unit runs for all its windows
/// before the next one starts, so windows whose regions have the same size share ONNX Runtime runs of <c>chunk</c>
/// crops each. Crops and patches live in arrays reused across units, calls and images; a tensor's patches are given
/// back once the last unit that reads them has run.
/// </remarks>
internal sealed class IncrementalRunner
{
    private readonly AuditModel _model;
    private readonly IncrementalPlan _plan;
    private readonly StageSession _prefix;
    private readonly FirstOrderSuffix? _firstOrder;
    private readonly int[] _prefixIds;
    private readonly Region[] _clean;
    private readonly IncrementalLane[] _lanes;
    private readonly bool _logits;
    private readonly bool _bound;
    private float[] _cleanInput = [];
    private float[]? _cleanImage;
    private SuffixExpansion? _expansion;

    /// <summary>A runner for <paramref name="plan"/> on <paramref name="model"/>, in ONNX Runtime runs of up to <paramref name="chunk"/> crops.</summary>
    /// <param name="model">The audited model.</param>
    /// <param name="plan">Where the prefix ends and what each window changes.</param>
    /// <param name="chunk">Crops (and suffix inputs) per run.</param>
    /// <param name="firstOrder">Estimate the windows with the suffix's first-order expansion instead of running it (<see cref="OcclusionFirstOrder"/>).</param>
    /// <param name="logits">Score rows are class logits (the input of a final Softmax) rather than probabilities.</param>
    /// <param name="target">The tensor a bound target reads (rows are its values); null for class scores.</param>
    /// <param name="patchBudgetBytes">What each lane may keep in recomputed patches at once (<see cref="IncrementalLane.DefaultPatchBudgetBytes"/>).</param>
    /// <param name="segmentBudgetBytes">The first-order suffix's segment budget (<see cref="CheckpointedSuffix.DefaultSegmentBudgetBytes"/>).</param>
    public IncrementalRunner(AuditModel model, IncrementalPlan plan, int chunk, bool firstOrder = false, bool logits = false, string? target = null,
        long patchBudgetBytes = IncrementalLane.DefaultPatchBudgetBytes, long segmentBudgetBytes = CheckpointedSuffix.DefaultSegmentBudgetBytes)
    {
        _model = model;
        _plan = plan;
        _logits = logits;
        _bound = target is not null;
        var sessions = StageSessions.For(model);
        var lanes = model.Options.Threads >= 2 ? 2 : 1;
        var threads = model.Options.Threads / lanes;
        var units = plan.Units.Select(u => sessions.Unit(u, threads)).ToArray();
        var (height, width) = sessions.Units.Sizes[plan.Split];

        // The first-order expansion replaces the suffix: no session for it, which would hold most of the weights again.
        _firstOrder = firstOrder ? sessions.FirstOrder(plan.Units[^1], height, width, target, segmentBudgetBytes) : null;
        var suffix = firstOrder ? null : sessions.Suffix(plan.Units[^1], threads, target ?? (logits && model.OutputsProbabilities ? GradientTargets.Logits(model) : null));
        _prefixIds = Enumerable.Range(1, plan.Units.Count).Where(id => plan.LastUse[id] > id - 1).ToArray();
        _prefix = sessions.Prefix(plan.Split, _prefixIds.Select(id => plan.Units[id - 1].Output).ToArray());
        _clean = new Region[plan.Units.Count + 1];
        _lanes = Enumerable.Range(0, lanes).Select(_ => new IncrementalLane(plan, model, units, suffix, _clean, chunk, logits, target, patchBudgetBytes)).ToArray();

        // Each session above was made from a serialised piece of the model, the first-order one from a backward graph
        // too: for ResNet-18 some 200 MB of arrays on the large-object heap that only a full collection frees. Runners
        // are made once per model and plan, and without this the garbage stays resident while every map is computed.
        GC.Collect();
    }

    /// <summary>
    /// Scores the clean image and then each window in <paramref name="windows"/> (indices into the plan's windows) into
    /// <paramref name="sink"/>: rows of class scores (logits or probabilities, as the runner was made) or of the bound
    /// target's tensor. With a first-order suffix a window's class row is the clean row with only the entry of
    /// <paramref name="target"/> (the clean image's top class when null) estimated, so that it gives the estimated
    /// <paramref name="score"/>; a bound target's score is estimated directly.
    /// </summary>
    public void Score(float[] image, float[] fill, IReadOnlyList<int> windows, IRowSink sink, int? target = null, OcclusionScore score = OcclusionScore.Probability)
    {
        if (!ReferenceEquals(image, _cleanImage))
        {
            // Drill-down scores one image in two passes: its clean activations are kept between them.
            RunClean(image);
            (_cleanImage, _expansion) = (image, null);
        }

        // The clean row comes first: it fixes a bound target on the image before any window is scored.
        var expansion = default(SuffixExpansion);
        if (_firstOrder is not null)
        {
            var split = _clean[_plan.Units.Count].Values;
            var row = _firstOrder.Row(split);
            if (!_bound)
            {
                row = _logits ? row : AuditModel.Softmax(row);
            }

            sink.Row(0, row);
            expansion = Expansion(_firstOrder, split, row, sink.Reading, target, score);
        }
        else
        {
            _lanes[0].ScoreSuffix(-1, 1, sink);
        }

        // Window k of the call goes to lane k mod lanes: neighbouring windows have like regions, so both lanes get
        // a share of every size.
        var parts = Enumerable.Range(0, _lanes.Length)
            .Select(l => Enumerable.Range(0, windows.Count).Where(k => k % _lanes.Length == l).ToArray()).ToArray();
        var others = Enumerable.Range(1, _lanes.Length - 1)
            .Select(l => Task.Run(() => _lanes[l].Run(windows, parts[l], sink, fill, expansion))).ToArray();
        try
        {
            _lanes[0].Run(windows, parts[0], sink, fill, expansion);
        }
        finally
        {
            // Every lane finishes before the call returns or throws: they share the clean activations.
            foreach (var other in others)
            {
                other.Wait();
            }
        }

        foreach (var other in others)
        {
            other.GetAwaiter().GetResult();
        }
    }

    private void RunClean(float[] image)
    {
        var spec = _model.Spec;
        _clean[0] = new Region(image, spec.ChannelCount, spec.Height, spec.Width);
        Buffers.Ensure(ref _cleanInput, image.Length);
        image.CopyTo(_cleanInput, 0);
        _prefix.Run([(_cleanInput, [1, spec.ChannelCount, spec.Height, spec.Width])], (o, values, shape) =>
        {
            // The arrays are kept from image to image: fresh megabytes per image cost more in page faults than the run.
            var id = _prefixIds[o];
            if (_clean[id] is not { } kept || kept.Values.Length != values.Length)
            {
                kept = _clean[id] = new Region(new float[values.Length], (int)shape[1], (int)shape[2], (int)shape[3]);
            }

            values.CopyTo(kept.Values);
        });

        // The prefix session has no arena: what its run freed goes back to the system rather than staying with the C heap.
        NativeHeap.Trim();
    }

    /// <summary>The suffix's expansion at the clean image, kept while the image, target and score are the same.</summary>
    private SuffixExpansion Expansion(FirstOrderSuffix suffix, float[] split, float[] clean, Targets.TargetReading? reading, int? target, OcclusionScore score)
    {
        if (reading is not null)
        {
            // A bound target is fixed per image and the image has not changed since the expansion was kept.
            if (_expansion is not { IsBound: true } keptBound)
            {
                var (value, gradient) = suffix.Expand(split, clean, reading);
                _expansion = keptBound = new SuffixExpansion(-1, score, value, gradient, clean);
            }

            return keptBound;
        }

        var t = target ?? Prediction.ArgMax(clean);
        if (_expansion is not { } kept || kept.Target != t || kept.Score != score)
        {
            var (value, gradient) = suffix.Expand(split, t, score);
            _expansion = kept = new SuffixExpansion(t, score, value, gradient, clean);
        }

        return kept;
    }
}
