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
    private float[] _cleanInput = [];
    private float[]? _cleanImage;
    private SuffixExpansion? _expansion;

    /// <summary>A runner for <paramref name="plan"/> on <paramref name="model"/>, in ONNX Runtime runs of up to <paramref name="chunk"/> crops.</summary>
    /// <param name="model">The audited model.</param>
    /// <param name="plan">Where the prefix ends and what each window changes.</param>
    /// <param name="chunk">Crops (and suffix inputs) per run.</param>
    /// <param name="firstOrder">Estimate the windows with the suffix's first-order expansion instead of running it (<see cref="OcclusionFirstOrder"/>).</param>
    /// <param name="logits">Score rows are class logits (the input of a final Softmax) rather than probabilities.</param>
    public IncrementalRunner(AuditModel model, IncrementalPlan plan, int chunk, bool firstOrder = false, bool logits = false)
    {
        _model = model;
        _plan = plan;
        var sessions = StageSessions.For(model);
        var lanes = model.Options.Threads >= 2 ? 2 : 1;
        var threads = model.Options.Threads / lanes;
        var units = plan.Units.Select(u => sessions.Unit(u, threads)).ToArray();
        var suffix = sessions.Suffix(plan.Units[^1], threads, logits && model.OutputsProbabilities ? GradientTargets.Logits(model) : null);
        var (height, width) = sessions.Units.Sizes[plan.Split];
        _firstOrder = firstOrder ? sessions.FirstOrder(plan.Units[^1], height, width) : null;
        _prefixIds = Enumerable.Range(1, plan.Units.Count).Where(id => plan.LastUse[id] > id - 1).ToArray();
        _prefix = sessions.Prefix(plan.Split, _prefixIds.Select(id => plan.Units[id - 1].Output).ToArray());
        _clean = new Region[plan.Units.Count + 1];
        _lanes = Enumerable.Range(0, lanes).Select(_ => new IncrementalLane(plan, model, units, suffix, _clean, chunk, logits)).ToArray();
    }

    /// <summary>
    /// Class scores (logits or probabilities, as the runner was made) of the clean image (the first <c>ClassCount</c>
    /// values) and then of each window in <paramref name="windows"/> (indices into the plan's windows), in that order.
    /// With a first-order suffix only the entry of <paramref name="target"/> (the clean image's top class when null)
    /// is estimated for a window, so that the row gives the estimated <paramref name="score"/>; its other entries
    /// repeat the clean image's.
    /// </summary>
    public float[] Score(float[] image, float[] fill, IReadOnlyList<int> windows, int? target = null, OcclusionScore score = OcclusionScore.Probability)
    {
        if (!ReferenceEquals(image, _cleanImage))
        {
            // Drill-down scores one image in two passes: its clean activations are kept between them.
            RunClean(image);
            (_cleanImage, _expansion) = (image, null);
        }

        var classes = _model.ClassCount;
        var scores = new float[(windows.Count + 1) * classes];
        // The expansion needs the clean scores before the lanes start. Exact scoring leaves the clean image to the last
        // lane, which has a window fewer when the count is odd.
        var expansion = default(SuffixExpansion);
        if (_firstOrder is not null)
        {
            _lanes[0].ScoreSuffix(-1, 1, scores);
            expansion = Expansion(_firstOrder, scores.AsSpan(0, classes), target, score);
        }

        // Window k of the call goes to lane k mod lanes: neighbouring windows have like regions, so both lanes get
        // a share of every size.
        var parts = Enumerable.Range(0, _lanes.Length)
            .Select(l => Enumerable.Range(0, windows.Count).Where(k => k % _lanes.Length == l).ToArray()).ToArray();
        var clean = _firstOrder is null ? _lanes.Length - 1 : -1;
        var others = Enumerable.Range(1, _lanes.Length - 1)
            .Select(l => Task.Run(() => _lanes[l].Run(windows, parts[l], scores, fill, expansion, clean == l))).ToArray();
        try
        {
            _lanes[0].Run(windows, parts[0], scores, fill, expansion, clean == 0);
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

        return scores;
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
    }

    /// <summary>The target and the suffix's expansion at the clean image, kept while the image is the same.</summary>
    private SuffixExpansion Expansion(FirstOrderSuffix suffix, ReadOnlySpan<float> clean, int? target, OcclusionScore score)
    {
        var t = target ?? Prediction.ArgMax(clean);
        if (_expansion is not { } kept || kept.Target != t || kept.Score != score)
        {
            var (value, gradient) = suffix.Expand(_clean[_plan.Units.Count].Values, t, score);
            _expansion = kept = new SuffixExpansion(t, score, value, gradient);
        }

        return kept;
    }
}
