using ModelAudit.Models;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// Scores the windows of one image incrementally: the clean image's activation at every stage output is computed
/// once; each window recomputes, stage by stage, only the crop its change can reach, and the suffix finishes from the
/// clean split activation with the window's patch pasted in.
/// </summary>
internal sealed class IncrementalRunner
{
    private readonly AuditModel _model;
    private readonly IncrementalPlan _plan;
    private readonly StageSession[] _stages;
    private readonly StageSession _suffix;
    private readonly int _chunk;
    private float[] _buffer = [];
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

        var clean = _clean;
        var scores = new float[(windows.Count + 1) * classes];
        ScoreSuffix(clean[^1], [null], scores.AsSpan(0, classes));
        for (var start = 0; start < windows.Count; start += _chunk)
        {
            var chunk = windows.Skip(start).Take(_chunk).ToArray();
            var patches = new Region?[chunk.Length];
            for (var s = 0; s < _stages.Length; s++)
            {
                RunStage(s, chunk, clean, patches, fill);
            }

            ScoreSuffix(clean[^1], patches, scores.AsSpan((start + 1) * classes, chunk.Length * classes));
        }

        return scores;
    }

    private Region RunWhole(StageSession session, Region input)
    {
        Region? result = null;
        Ensure(input.Values.Length);
        input.Values.CopyTo(_buffer, 0);
        session.Run(_buffer, [1, input.Channels, input.Height, input.Width], (values, shape) =>
            result = new Region(values.ToArray(), (int)shape[1], (int)shape[2], (int)shape[3]));
        return result!;
    }

    /// <summary>Runs stage <paramref name="s"/> for a chunk of windows, grouped by crop size, and keeps each window's new patch.</summary>
    private void RunStage(int s, int[] chunk, Region[] clean, Region?[] patches, float[] fill)
    {
        var input = clean[s];
        var stage = _plan.Stages[s];
        var groups = Enumerable.Range(0, chunk.Length).Where(j => !_plan.Traces[chunk[j]][s].IsEmpty)
            .GroupBy(j => (_plan.Traces[chunk[j]][s].CropY.Length, _plan.Traces[chunk[j]][s].CropX.Length));
        foreach (var group in groups)
        {
            var members = group.ToArray();
            var (h, w) = group.Key;
            var per = input.Channels * h * w;
            Ensure(members.Length * per);
            for (var m = 0; m < members.Length; m++)
            {
                var j = members[m];
                var trace = _plan.Traces[chunk[j]][s];
                var crop = _buffer.AsSpan(m * per, per);
                var (top, left) = (trace.CropY.Offset, trace.CropX.Offset);
                input.CopyInto(crop, top, left, h, w);
                if (s == 0)
                {
                    // The window itself is the first stage's changed region: its pixels come from the fill.
                    var box = _plan.Windows[chunk[j]];
                    var window = new float[input.Channels * box.Height * box.Width];
                    Region.Copy(fill, input.Channels, input.Height, input.Width, 0, 0, window, box.Height, box.Width, box.Y, box.X);
                    new Region(window, input.Channels, box.Height, box.Width, box.Y, box.X).CopyInto(crop, top, left, h, w);
                }
                else
                {
                    patches[j]?.CopyInto(crop, top, left, h, w);
                }
            }

            _stages[s].Run(_buffer, [members.Length, input.Channels, h, w], (values, shape) =>
            {
                var (c, oh, ow) = ((int)shape[1], (int)shape[2], (int)shape[3]);
                for (var m = 0; m < members.Length; m++)
                {
                    var trace = _plan.Traces[chunk[members[m]]][s];
                    var (oy, ox) = (trace.CropY.Offset / stage.Y.Jump, trace.CropX.Offset / stage.X.Jump);
                    var patch = new float[c * trace.Height * trace.Width];
                    Region.Copy(values.Slice(m * c * oh * ow, c * oh * ow), c, oh, ow, oy, ox, patch, trace.Height, trace.Width, trace.Rows.Lo, trace.Columns.Lo);
                    patches[members[m]] = new Region(patch, c, trace.Height, trace.Width, trace.Rows.Lo, trace.Columns.Lo);
                }
            });
        }

        // A window whose change vanished (a truncated field) leaves the rest of the network clean.
        for (var j = 0; j < chunk.Length; j++)
        {
            if (_plan.Traces[chunk[j]][s].IsEmpty)
            {
                patches[j] = null;
            }
        }
    }

    private void ScoreSuffix(Region clean, Region?[] patches, Span<float> scores)
    {
        var per = clean.Values.Length;
        var classes = _model.ClassCount;
        Ensure(patches.Length * per);
        for (var j = 0; j < patches.Length; j++)
        {
            var slot = _buffer.AsSpan(j * per, per);
            clean.Values.CopyTo(slot);
            patches[j]?.CopyInto(slot, 0, 0, clean.Height, clean.Width);
        }

        var outputs = new float[patches.Length * classes];
        _suffix.Run(_buffer, [patches.Length, clean.Channels, clean.Height, clean.Width], (values, _) => values.CopyTo(outputs));
        for (var j = 0; j < patches.Length; j++)
        {
            var row = outputs.AsSpan(j * classes, classes);
            (_model.OutputsProbabilities ? row : AuditModel.Softmax(row)).CopyTo(scores.Slice(j * classes, classes));
        }
    }

    private void Ensure(int length)
    {
        if (_buffer.Length < length)
        {
            _buffer = new float[length];
        }
    }
}
