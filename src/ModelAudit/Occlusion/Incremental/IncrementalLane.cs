using ModelAudit.Models;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// One lane's share of the windows of a call to <see cref="IncrementalRunner"/>, with its own crops, patches and
/// buffers. The clean activations and the sessions are the runner's, shared by every lane and only read here.
/// </summary>
internal sealed class IncrementalLane
{
    private readonly IncrementalPlan _plan;
    private readonly AuditModel _model;
    private readonly StageSession[] _units;
    private readonly StageSession _suffix;
    private readonly Region[] _clean;
    private readonly int _chunk;
    private readonly bool _logits;
    private readonly PatchSet?[] _patches;
    private readonly Stack<PatchSet> _free = new();
    private readonly float[][] _inputs;
    private float[] _fill = [];
    private float[] _outputs = [];
    private int[] _windows = [];
    private int[] _positions = [];

    /// <summary>A lane with empty buffers; they grow to the largest call and are kept.</summary>
    /// <param name="plan">What each window changes.</param>
    /// <param name="model">The audited model.</param>
    /// <param name="units">One session per unit of the plan.</param>
    /// <param name="suffix">The session from the split tensor to the output.</param>
    /// <param name="clean">The clean image's tensors by id, filled by the runner before each call.</param>
    /// <param name="chunk">Crops (and suffix inputs) per run.</param>
    /// <param name="logits">The suffix ends at the logits and its rows are kept as they are (no softmax).</param>
    public IncrementalLane(IncrementalPlan plan, AuditModel model, StageSession[] units, StageSession suffix, Region[] clean, int chunk, bool logits)
    {
        (_plan, _model, _units, _suffix, _clean, _chunk, _logits) = (plan, model, units, suffix, clean, chunk, logits);
        _patches = new PatchSet?[plan.Units.Count + 1];
        _inputs = Enumerable.Range(0, 1 + plan.Units.Max(u => u.Sides.Count)).Select(_ => Array.Empty<float>()).ToArray();
    }

    /// <summary>
    /// Scores the windows at <paramref name="positions"/> of the call's <paramref name="windows"/> into their rows of
    /// <paramref name="scores"/>, with <paramref name="fill"/> in each window: through the suffix, or with
    /// <paramref name="expansion"/> when it is set; the clean image too when <paramref name="scoreClean"/>.
    /// </summary>
    public void Run(IReadOnlyList<int> windows, int[] positions, float[] scores, float[] fill, SuffixExpansion? expansion, bool scoreClean)
    {
        (_windows, _positions, _fill) = (positions.Select(k => windows[k]).ToArray(), positions, fill);
        try
        {
            if (scoreClean)
            {
                ScoreSuffix(-1, 1, scores);
            }

            for (var u = 0; u < _units.Length; u++)
            {
                RunUnit(u);
                for (var id = 1; id <= u; id++)
                {
                    if (_plan.LastUse[id] == u)
                    {
                        Release(id);
                    }
                }
            }

            if (expansion is null)
            {
                for (var start = 0; start < _windows.Length; start += _chunk)
                {
                    ScoreSuffix(start, Math.Min(_chunk, _windows.Length - start), scores);
                }
            }
            else
            {
                EstimateFirstOrder(expansion, scores);
            }
        }
        finally
        {
            for (var id = 1; id < _patches.Length; id++)
            {
                Release(id);
            }

            // The caller's fill is not kept past its call.
            _fill = [];
        }
    }

    /// <summary>Runs unit <paramref name="u"/> for every window it changes, grouped by region size, and keeps the patches.</summary>
    private void RunUnit(int u)
    {
        var unit = _plan.Units[u];
        var (windowed, sides) = (_plan.WindowedId[u], _plan.SideIds[u]);
        var output = _patches[u + 1] = _free.Count > 0 ? _free.Pop() : new PatchSet();
        var groups = new Dictionary<(int H, int W), List<int>>();
        var floats = 0;
        for (var j = 0; j < _windows.Length; j++)
        {
            var (rows, columns) = _plan.FootprintOf(_windows[j], u + 1);
            if (!rows.IsEmpty)
            {
                (groups.TryGetValue((rows.Length, columns.Length), out var list) ? list : groups[(rows.Length, columns.Length)] = []).Add(j);
                floats += unit.Channels.Output * rows.Length * columns.Length;
            }
        }

        output.Reset(_windows.Length, unit.Channels.Output, floats);
        var shapes = new (float[], long[])[_inputs.Length];
        foreach (var ((h, w), all) in groups)
        {
            for (var first = 0; first < all.Count; first += _chunk)
            {
                var members = all.GetRange(first, Math.Min(_chunk, all.Count - first));
                var slot = 0;
                if (windowed >= 0)
                {
                    var (ch, cw) = (unit.Y.CropLength(h), unit.X.CropLength(w));
                    shapes[slot] = Crops(slot, windowed, members, u, ch, cw, r => unit.Y.CropStart(r.Lo), c => unit.X.CropStart(c.Lo), unit.PadValue);
                    slot++;
                }

                foreach (var side in sides)
                {
                    shapes[slot] = Crops(slot, side, members, u, h, w, r => r.Lo, c => c.Lo, 0);
                    slot++;
                }

                _units[u].Run(shapes.AsSpan(0, slot), output.Place(members, h, w), [members.Count, unit.Channels.Output, h, w]);
            }
        }
    }

    /// <summary>
    /// Fills input slot <paramref name="slot"/> with one crop of tensor <paramref name="id"/> per member window: the
    /// clean activation, the window's own patch of that tensor pasted over it, and <paramref name="pad"/> outside the map.
    /// </summary>
    private (float[], long[]) Crops(int slot, int id, List<int> members, int u, int height, int width, Func<Interval, int> top, Func<Interval, int> left, float pad)
    {
        var clean = _clean[id];
        var per = clean.Channels * height * width;
        Buffers.Ensure(ref _inputs[slot], members.Count * per);
        for (var m = 0; m < members.Count; m++)
        {
            var j = members[m];
            var (rows, columns) = _plan.FootprintOf(_windows[j], u + 1);
            var (y, x) = (top(rows), left(columns));
            var crop = _inputs[slot].AsSpan(m * per, per);
            var (patchRows, patchColumns) = _plan.FootprintOf(_windows[j], id);
            if (patchRows.IsEmpty)
            {
                clean.CropInto(crop, y, x, height, width, pad);
            }
            else if (id == 0)
            {
                // The window itself is the input's changed region: its pixels come from the fill.
                clean.CropInto(crop, y, x, height, width, pad);
                var box = _plan.Windows[_windows[j]];
                Region.CopyBox(_fill, clean.Channels, clean.Height, clean.Width, box.Y, box.X, box.Height, box.Width, crop, height, width, y, x);
            }
            else
            {
                var patch = _patches[id]!.Of(j, patchRows.Length, patchColumns.Length);
                clean.CropInto(crop, y, x, height, width, pad, patch, (patchRows.Lo, patchColumns.Lo, patchRows.Length, patchColumns.Length));
            }
        }

        return (_inputs[slot], [members.Count, clean.Channels, height, width]);
    }

    /// <summary>
    /// Scores <paramref name="count"/> of the lane's windows from <paramref name="start"/> (-1: the clean image) into
    /// their rows of the call's <paramref name="scores"/>.
    /// </summary>
    public void ScoreSuffix(int start, int count, float[] scores)
    {
        var split = _plan.Units.Count;
        var clean = _clean[split];
        var per = clean.Values.Length;
        var classes = _model.ClassCount;
        Buffers.Ensure(ref _inputs[0], count * per);
        for (var i = 0; i < count; i++)
        {
            var slot = _inputs[0].AsSpan(i * per, per);
            clean.Values.CopyTo(slot);
            if (start >= 0 && _plan.FootprintOf(_windows[start + i], split) is { IsEmpty: false } region)
            {
                _patches[split]!.PasteInto(start + i, region, slot, 0, 0, clean.Height, clean.Width);
            }
        }

        Buffers.Ensure(ref _outputs, count * classes);
        var outputs = _outputs;
        _suffix.Run([(_inputs[0], [count, clean.Channels, clean.Height, clean.Width])], (_, values, _) => values.CopyTo(outputs));
        for (var i = 0; i < count; i++)
        {
            var row = outputs.AsSpan(i * classes, classes);
            if (NonFinite.IndexIn(row) is var bad and >= 0)
            {
                throw new ModelOutputException(
                    $"'{_model.Source}' produced {NonFinite.Describe(row[bad])} in output '{_model.Output.Name}' for {(start < 0 ? "the image itself" : $"the image occluded at {_plan.Windows[_windows[start + i]]}")} " +
                    "(incremental occlusion). Check the input spec (normalisation, channel order), the occlusion fill and the model's weights.");
            }

            var entry = start < 0 ? 0 : _positions[start + i] + 1;
            (_logits || _model.OutputsProbabilities ? row : AuditModel.Softmax(row)).CopyTo(scores.AsSpan(entry * classes, classes));
        }
    }

    private void Release(int id)
    {
        if (_patches[id] is { } patches)
        {
            _free.Push(patches);
            _patches[id] = null;
        }
    }

    /// <summary>
    /// Each window's target entry from the suffix's expansion at the split: the probability σ(m + ∇m·(patch − clean)),
    /// the logit z_t + ∇z_t·(patch − clean), or for the log-odds the logit that gives m + ∇m·(patch − clean) with the
    /// other classes' logits as on the clean image.
    /// </summary>
    private void EstimateFirstOrder(SuffixExpansion expansion, float[] scores)
    {
        var classes = _model.ClassCount;
        var clean = scores.AsSpan(0, classes);
        var split = _plan.Units.Count;
        for (var j = 0; j < _windows.Length; j++)
        {
            var row = scores.AsSpan((_positions[j] + 1) * classes, classes);
            clean.CopyTo(row);
            if (_plan.FootprintOf(_windows[j], split) is { IsEmpty: false } region)
            {
                var patch = _patches[split]!.Of(j, region.Rows.Length, region.Columns.Length);
                var change = FirstOrderSuffix.Change(expansion.Gradient, _clean[split], patch, region.Rows, region.Columns);
                var value = expansion.Value + change;
                row[expansion.Target] = (float)(expansion.Score switch
                {
                    OcclusionScore.Probability => FirstOrderSuffix.Probability(value),
                    OcclusionScore.Logit => value,
                    _ => OcclusionScores.LogitFor(value, clean, expansion.Target),
                });
            }
        }
    }
}
