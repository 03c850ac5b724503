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
    private readonly StageSession? _suffix;
    private readonly Region[] _clean;
    private readonly int _chunk;
    private readonly bool _logits;
    /// <summary>
    /// What one lane's recomputed patches may take at once by default. Patches of all of a call's windows would grow
    /// with the window count (50 MB a lane for ResNet-18 at 224² with 169 windows, more for larger inputs); waves of
    /// this size still give ONNX Runtime runs of many crops.
    /// </summary>
    internal const long DefaultPatchBudgetBytes = 16L << 20;

    private readonly long _patchBudgetBytes;
    private readonly bool _bound;
    private readonly int _rowLength;
    private readonly int _suffixChunk;
    private readonly int _fixedBatch;

    private readonly PatchSet?[] _patches;
    private readonly Stack<PatchSet> _free = new();
    private readonly float[][] _inputs;
    private float[] _fill = [];
    private int[] _windows = [];
    private int[] _positions = [];

    /// <summary>A lane with empty buffers; they grow to the largest call and are kept.</summary>
    /// <param name="plan">What each window changes.</param>
    /// <param name="model">The audited model.</param>
    /// <param name="units">One session per unit of the plan.</param>
    /// <param name="suffix">The session from the split tensor to the output; null when windows are estimated to first order.</param>
    /// <param name="clean">The clean image's tensors by id, filled by the runner before each call.</param>
    /// <param name="chunk">Crops (and suffix inputs) per run.</param>
    /// <param name="logits">The suffix ends at the logits and its rows are kept as they are (no softmax).</param>
    /// <param name="target">The tensor a bound target reads (the suffix ends there and rows are its values); null for class scores.</param>
    /// <param name="patchBudgetBytes">What the lane may keep in recomputed patches at once; a suffix run's inputs and outputs too.</param>
    public IncrementalLane(IncrementalPlan plan, AuditModel model, StageSession[] units, StageSession? suffix, Region[] clean, int chunk, bool logits, string? target, long patchBudgetBytes)
    {
        (_plan, _model, _units, _suffix, _clean, _chunk, _logits) = (plan, model, units, suffix, clean, chunk, logits);
        _patchBudgetBytes = patchBudgetBytes;
        _bound = target is not null;
        _rowLength = target is null ? model.ClassCount : model.ShapeOf(target).Aggregate(1, (a, b) => a * b);

        // A dense model's rows are whole maps (21×1024×1024 floats for a segmenter at 1024²): the suffix then runs
        // fewer windows at a time, so that its input and output stay within the budget.
        var (height, width) = (plan.Units[^1].Y.OutputLength, plan.Units[^1].X.OutputLength);
        var perWindow = (long)_rowLength + ((long)plan.Units[^1].Channels.Output * height * width);
        _suffixChunk = (int)Math.Clamp(patchBudgetBytes / sizeof(float) / perWindow, 1, chunk);

        // An export with a fixed batch size keeps it in the suffix's Reshape constants: the suffix then runs exactly
        // that many inputs, padded with the clean image. Units hold local operators only and take any number of crops.
        if (model.Input.Shape[0] is { IsDynamic: false, Value: > 0 and var fixedBatch })
        {
            _fixedBatch = (int)fixedBatch;
            _suffixChunk = _fixedBatch;
        }
        _patches = new PatchSet?[plan.Units.Count + 1];
        _inputs = Enumerable.Range(0, 1 + plan.Units.Max(u => u.Sides.Count)).Select(_ => Array.Empty<float>()).ToArray();
    }

    /// <summary>
    /// Scores the windows at <paramref name="positions"/> of the call's <paramref name="windows"/> into
    /// <paramref name="sink"/>, with <paramref name="fill"/> in each window: through the suffix, or with
    /// <paramref name="expansion"/> when it is set. The windows run in waves whose patches fit the lane's patch
    /// budget, so memory does not grow with the window count.
    /// </summary>
    public void Run(IReadOnlyList<int> windows, int[] positions, IRowSink sink, float[] fill, SuffixExpansion? expansion)
    {
        _fill = fill;
        try
        {
            foreach (var wave in Waves(windows, positions))
            {
                (_windows, _positions) = (wave.Select(k => windows[k]).ToArray(), wave);
                RunWave(sink, expansion);
            }
        }
        finally
        {
            // The caller's fill is not kept past its call.
            _fill = [];
        }
    }

    /// <summary>
    /// Consecutive groups of <paramref name="positions"/> whose patches, in the sets the lane keeps at once, take at most
    /// the patch budget; a window that alone needs more is a group of its own.
    /// </summary>
    private IEnumerable<int[]> Waves(IReadOnlyList<int> windows, int[] positions)
    {
        var budget = _patchBudgetBytes / sizeof(float) / _plan.MaxLivePatchSets;
        var sums = new long[_plan.Units.Count];
        var wave = new List<int>();
        foreach (var k in positions)
        {
            var fits = true;
            for (var u = 0; u < sums.Length && fits; u++)
            {
                fits = sums[u] + _plan.PatchFloats(windows[k], u) <= budget;
            }

            if (!fits && wave.Count > 0)
            {
                yield return [.. wave];
                wave.Clear();
                Array.Clear(sums);
            }

            wave.Add(k);
            for (var u = 0; u < sums.Length; u++)
            {
                sums[u] += _plan.PatchFloats(windows[k], u);
            }
        }

        if (wave.Count > 0)
        {
            yield return [.. wave];
        }
    }

    private void RunWave(IRowSink sink, SuffixExpansion? expansion)
    {
        try
        {
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
                for (var start = 0; start < _windows.Length; start += _suffixChunk)
                {
                    ScoreSuffix(start, Math.Min(_suffixChunk, _windows.Length - start), sink);
                }
            }
            else
            {
                EstimateFirstOrder(expansion, sink);
            }
        }
        finally
        {
            for (var id = 1; id < _patches.Length; id++)
            {
                Release(id);
            }
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
    /// Scores <paramref name="count"/> of the lane's windows from <paramref name="start"/> (-1: the clean image) and
    /// hands each row to <paramref name="sink"/> straight from ONNX Runtime's output.
    /// </summary>
    public void ScoreSuffix(int start, int count, IRowSink sink)
    {
        var split = _plan.Units.Count;
        var clean = _clean[split];
        var per = clean.Values.Length;
        var slots = Math.Max(count, _fixedBatch);
        Buffers.Ensure(ref _inputs[0], slots * per);
        for (var i = 0; i < slots; i++)
        {
            var slot = _inputs[0].AsSpan(i * per, per);
            clean.Values.CopyTo(slot);
            if (start >= 0 && i < count && _plan.FootprintOf(_windows[start + i], split) is { IsEmpty: false } region)
            {
                _patches[split]!.PasteInto(start + i, region, slot, 0, 0, clean.Height, clean.Width);
            }
        }

        var suffix = _suffix ?? throw new InvalidOperationException("A first-order lane has no suffix session.");
        suffix.Run([(_inputs[0], [slots, clean.Channels, clean.Height, clean.Width])], (_, values, _) =>
        {
            for (var i = 0; i < count; i++)
            {
                var row = values.Slice(i * _rowLength, _rowLength);
                if (NonFinite.IndexIn(row) is var bad and >= 0)
                {
                    throw new ModelOutputException(
                        $"'{_model.Source}' produced {NonFinite.Describe(row[bad])} in output '{suffix.Output}' for {(start < 0 ? "the image itself" : $"the image occluded at {_plan.Windows[_windows[start + i]]}")} " +
                        "(incremental occlusion). Check the input spec (normalisation, channel order), the occlusion fill and the model's weights.");
                }

                var entry = start < 0 ? 0 : _positions[start + i] + 1;
                sink.Row(entry, _bound || _logits || _model.OutputsProbabilities ? row : AuditModel.Softmax(row));
            }
        });
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
    /// Each window's score from the suffix's expansion at the split. A bound target's score is estimated as
    /// value + ∇·(patch − clean). For class scores the row is the clean row with the target's entry replaced: the
    /// probability σ(m + ∇m·(patch − clean)), the logit z_t + ∇z_t·(patch − clean), or for the log-odds the logit
    /// that gives m + ∇m·(patch − clean) with the other classes' logits as on the clean image.
    /// </summary>
    private void EstimateFirstOrder(SuffixExpansion expansion, IRowSink sink)
    {
        var split = _plan.Units.Count;

        // Class rows only: a bound target's clean row is its whole tensor (88 MB for a segmenter at 1024²) and no
        // window needs a copy.
        var row = expansion.IsBound ? [] : new float[expansion.Clean.Length];
        for (var j = 0; j < _windows.Length; j++)
        {
            var entry = _positions[j] + 1;
            var region = _plan.FootprintOf(_windows[j], split);
            if (region.IsEmpty && !expansion.IsBound)
            {
                // The window does not reach the split: its row is the clean image's.
                sink.Row(entry, expansion.Clean);
                continue;
            }

            var value = expansion.Value + (region.IsEmpty ? 0
                : FirstOrderSuffix.Change(expansion.Gradient, _clean[split], _patches[split]!.Of(j, region.Rows.Length, region.Columns.Length), region.Rows, region.Columns));
            if (expansion.IsBound)
            {
                sink.Estimate(entry, value);
                continue;
            }

            expansion.Clean.CopyTo(row, 0);
            row[expansion.Target] = (float)(expansion.Score switch
            {
                OcclusionScore.Probability => FirstOrderSuffix.Probability(value),
                OcclusionScore.Logit => value,
                _ => OcclusionScores.LogitFor(value, expansion.Clean, expansion.Target),
            });
            sink.Row(entry, row);
        }
    }
}
