using ModelAudit.Models;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// Scores the windows of one image incrementally: the clean image's activation at every stage output is computed
/// once; each window recomputes, stage by stage, only the crop its change can reach, and the suffix finishes from the
/// clean split activation with the window's patch pasted in.
/// </summary>
/// <remarks>
/// A stage runs for all the windows of a call before the next one starts, so windows whose crops have the same size
/// (all but those at the image's far edges) share ONNX Runtime runs of <c>chunk</c> crops each. Crops and patches live
/// in arrays reused across stages, calls and images.
/// </remarks>
internal sealed class IncrementalRunner
{
    private readonly AuditModel _model;
    private readonly IncrementalPlan _plan;
    private readonly StageSession[] _stages;
    private readonly StageSession _suffix;
    private readonly int _chunk;
    private readonly (int Height, int Width)[] _patchSizes;
    private readonly PatchSet[] _patches = [new(), new()];
    private float[] _buffer = [];
    private float[] _outputs = [];
    private float[]? _cleanImage;
    private Region[] _clean = [];

    public IncrementalRunner(AuditModel model, IncrementalPlan plan, int chunk)
    {
        _model = model;
        _plan = plan;
        _chunk = chunk;
        var sessions = StageSessions.For(model);
        _stages = plan.Stages.Select(s => sessions.Get(s.From, s.To)).ToArray();
        _suffix = sessions.Get(plan.Split, model.Output.Name);
        _patchSizes = Enumerable.Range(0, plan.Stages.Count)
            .Select(s => plan.Traces.Select(t => t[s]).Where(t => !t.IsEmpty).Aggregate((0, 0), (m, t) => (Math.Max(m.Item1, t.Height), Math.Max(m.Item2, t.Width))))
            .ToArray();
    }

    /// <summary>
    /// Class probabilities of the clean image (the first <c>ClassCount</c> values) and then of each window in
    /// <paramref name="windows"/> (indices into the plan's windows), in that order.
    /// </summary>
    public float[] Score(float[] image, float[] fill, IReadOnlyList<int> windows)
    {
        var classes = _model.ClassCount;
        if (!ReferenceEquals(image, _cleanImage))
        {
            // Drill-down scores one image in two passes: its clean activations are kept between them.
            var spec = _model.Spec;
            _clean = new Region[_stages.Length + 1];
            _clean[0] = new Region(image, spec.ChannelCount, spec.Height, spec.Width);
            for (var s = 0; s < _stages.Length; s++)
            {
                _clean[s + 1] = RunWhole(_stages[s], _clean[s]);
            }

            _cleanImage = image;
        }

        var scores = new float[(windows.Count + 1) * classes];
        ScoreSuffix(windows, -1, 1, scores.AsSpan(0, classes));
        for (var s = 0; s < _stages.Length; s++)
        {
            RunStage(s, windows, fill);
        }
        for (var start = 0; start < windows.Count; start += _chunk)
        {
            var count = Math.Min(_chunk, windows.Count - start);
            ScoreSuffix(windows, start, count, scores.AsSpan((start + 1) * classes, count * classes));
        }
        return scores;
    }

    private Region RunWhole(StageSession session, Region input)
    {
        Region? result = null;
        Ensure(ref _buffer, input.Values.Length);
        input.Values.CopyTo(_buffer, 0);
        session.Run(_buffer, [1, input.Channels, input.Height, input.Width], (values, shape) =>
            result = new Region(values.ToArray(), (int)shape[1], (int)shape[2], (int)shape[3]));
        return result!;
    }

    /// <summary>Runs stage <paramref name="s"/> for every window, grouped by crop size, and keeps each window's new patch.</summary>
    private void RunStage(int s, IReadOnlyList<int> windows, float[] fill)
    {
        var input = _clean[s];
        var stage = _plan.Stages[s];
        var (previous, current) = (_patches[(s + 1) % 2], _patches[s % 2]);
        var reset = false;
        var groups = Enumerable.Range(0, windows.Count).Where(j => !_plan.Traces[windows[j]][s].IsEmpty)
            .GroupBy(j => (_plan.Traces[windows[j]][s].CropY.Length, _plan.Traces[windows[j]][s].CropX.Length));
        foreach (var group in groups)
        {
            var all = group.ToArray();
            var (h, w) = group.Key;
            var per = input.Channels * h * w;
            for (var first = 0; first < all.Length; first += _chunk)
            {
                var members = all.AsSpan(first, Math.Min(_chunk, all.Length - first)).ToArray();
                Ensure(ref _buffer, members.Length * per);
                for (var m = 0; m < members.Length; m++)
                {
                    var j = members[m];
                    var trace = _plan.Traces[windows[j]][s];
                    var crop = _buffer.AsSpan(m * per, per);
                    var (top, left) = (trace.CropY.Offset, trace.CropX.Offset);
                    input.CopyInto(crop, top, left, h, w);
                    if (s == 0)
                    {
                        // The window itself is the first stage's changed region: its pixels come from the fill.
                        var box = _plan.Windows[windows[j]];
                        Region.CopyBox(fill, input.Channels, input.Height, input.Width, box.Y, box.X, box.Height, box.Width, crop, h, w, top, left);
                    }
                    else if (_plan.Traces[windows[j]][s - 1] is { IsEmpty: false } before)
                    {
                        previous.PasteInto(j, before, crop, top, left, h, w);
                    }
                }

                _stages[s].Run(_buffer, [members.Length, input.Channels, h, w], (values, shape) =>
                {
                    var (c, oh, ow) = ((int)shape[1], (int)shape[2], (int)shape[3]);
                    if (!reset)
                    {
                        current.Reset(windows.Count, c, _patchSizes[s].Height, _patchSizes[s].Width);
                        reset = true;
                    }

                    for (var m = 0; m < members.Length; m++)
                    {
                        var trace = _plan.Traces[windows[members[m]]][s];
                        var (oy, ox) = (trace.CropY.Offset / stage.Y.Jump, trace.CropX.Offset / stage.X.Jump);
                        Region.Copy(values.Slice(m * c * oh * ow, c * oh * ow), c, oh, ow, oy, ox, current.Of(members[m], trace), trace.Height, trace.Width, trace.Rows.Lo, trace.Columns.Lo);
                    }
                });
            }
        }
    }

    /// <summary>Scores <paramref name="count"/> windows from position <paramref name="start"/> (-1: the clean image).</summary>
    private void ScoreSuffix(IReadOnlyList<int> windows, int start, int count, Span<float> scores)
    {
        var clean = _clean[^1];
        var last = _stages.Length - 1;
        var patches = _patches[last % 2];
        var per = clean.Values.Length;
        var classes = _model.ClassCount;
        Ensure(ref _buffer, count * per);
        for (var i = 0; i < count; i++)
        {
            var slot = _buffer.AsSpan(i * per, per);
            clean.Values.CopyTo(slot);
            if (start >= 0 && _plan.Traces[windows[start + i]][last] is { IsEmpty: false } trace)
            {
                patches.PasteInto(start + i, trace, slot, 0, 0, clean.Height, clean.Width);
            }
        }

        Ensure(ref _outputs, count * classes);
        var outputs = _outputs;
        _suffix.Run(_buffer, [count, clean.Channels, clean.Height, clean.Width], (values, _) => values.CopyTo(outputs));
        for (var i = 0; i < count; i++)
        {
            var row = outputs.AsSpan(i * classes, classes);
            (_model.OutputsProbabilities ? row : AuditModel.Softmax(row)).CopyTo(scores.Slice(i * classes, classes));
        }
    }

    private static void Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }
    }
}
