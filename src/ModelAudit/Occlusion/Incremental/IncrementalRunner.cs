using ModelAudit.Models;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// Scores the windows of one image incrementally: the clean image's activations are computed once; each window
/// recomputes, unit by unit, only the region its change reaches, from crops of the clean activations with the
/// window's earlier patches pasted in; the suffix finishes from the split tensor with the window's last patch.
/// </summary>
/// <remarks>
/// A unit runs for all the windows of a call before the next one starts, so windows whose regions have the same size
/// share ONNX Runtime runs of <c>chunk</c> crops each. Crops and patches live in arrays reused across units, calls
/// and images; a tensor's patches are given back once the last unit that reads them has run.
/// </remarks>
internal sealed class IncrementalRunner
{
    private readonly AuditModel _model;
    private readonly IncrementalPlan _plan;
    private readonly StageSession[] _units;
    private readonly StageSession _prefix;
    private readonly StageSession _suffix;
    private readonly FirstOrderSuffix? _firstOrder;
    private readonly int[] _prefixIds;
    private readonly int _chunk;
    private readonly PatchSet?[] _patches;
    private readonly Stack<PatchSet> _free = new();
    private readonly float[][] _inputs;
    private readonly Region[] _clean;
    private float[] _outputs = [];
    private float[]? _cleanImage;
    private float[] _fill = [];
    private IReadOnlyList<int> _windows = [];
    private (int Target, double LogOdds, float[] Gradient)? _expansion;

    /// <summary>A runner for <paramref name="plan"/> on <paramref name="model"/>, in ONNX Runtime runs of up to <paramref name="chunk"/> crops.</summary>
    /// <param name="model">The audited model.</param>
    /// <param name="plan">Where the prefix ends and what each window changes.</param>
    /// <param name="chunk">Crops (and suffix inputs) per run.</param>
    /// <param name="firstOrder">Estimate the windows with the suffix's first-order expansion instead of running it (<see cref="OcclusionFirstOrder"/>).</param>
    public IncrementalRunner(AuditModel model, IncrementalPlan plan, int chunk, bool firstOrder = false)
    {
        _model = model;
        _plan = plan;
        _chunk = chunk;
        var sessions = StageSessions.For(model);
        _units = plan.Units.Select(sessions.Unit).ToArray();
        _suffix = sessions.Suffix(plan.Units[^1]);
        var (height, width) = sessions.Units.Sizes[plan.Split];
        _firstOrder = firstOrder ? sessions.FirstOrder(plan.Units[^1], height, width) : null;
        _prefixIds = Enumerable.Range(1, plan.Units.Count).Where(id => plan.LastUse[id] > id - 1).ToArray();
        _prefix = sessions.Prefix(plan.Split, _prefixIds.Select(id => plan.Units[id - 1].Output).ToArray());
        _patches = new PatchSet?[plan.Units.Count + 1];
        _clean = new Region[plan.Units.Count + 1];
        _inputs = Enumerable.Range(0, 1 + plan.Units.Max(u => u.Sides.Count)).Select(_ => Array.Empty<float>()).ToArray();
    }

    /// <summary>
    /// Class probabilities of the clean image (the first <c>ClassCount</c> values) and then of each window in
    /// <paramref name="windows"/> (indices into the plan's windows), in that order. With a first-order suffix only the
    /// entry of <paramref name="target"/> (the clean image's top class when null) is estimated for a window; its other
    /// entries repeat the clean image's.
    /// </summary>
    public float[] Score(float[] image, float[] fill, IReadOnlyList<int> windows, int? target = null)
    {
        if (!ReferenceEquals(image, _cleanImage))
        {
            // Drill-down scores one image in two passes: its clean activations are kept between them.
            RunClean(image);
            (_cleanImage, _expansion) = (image, null);
        }

        (_fill, _windows) = (fill, windows);
        var classes = _model.ClassCount;
        var scores = new float[(windows.Count + 1) * classes];
        ScoreSuffix(-1, 1, scores.AsSpan(0, classes));
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

        if (_firstOrder is null)
        {
            for (var start = 0; start < windows.Count; start += _chunk)
            {
                var count = Math.Min(_chunk, windows.Count - start);
                ScoreSuffix(start, count, scores.AsSpan((start + 1) * classes, count * classes));
            }
        }
        else
        {
            EstimateFirstOrder(_firstOrder, scores, target);
        }

        Release(_plan.Units.Count);
        (_fill, _windows) = ([], []);
        return scores;
    }

    private void RunClean(float[] image)
    {
        var spec = _model.Spec;
        _clean[0] = new Region(image, spec.ChannelCount, spec.Height, spec.Width);
        Ensure(ref _inputs[0], image.Length);
        image.CopyTo(_inputs[0], 0);
        _prefix.Run([(_inputs[0], [1, spec.ChannelCount, spec.Height, spec.Width])], (o, values, shape) =>
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

    /// <summary>Runs unit <paramref name="u"/> for every window it changes, grouped by region size, and keeps the patches.</summary>
    private void RunUnit(int u)
    {
        var unit = _plan.Units[u];
        var (windowed, sides) = (_plan.WindowedId[u], _plan.SideIds[u]);
        var output = _patches[u + 1] = _free.Count > 0 ? _free.Pop() : new PatchSet();
        var groups = new Dictionary<(int H, int W), List<int>>();
        var floats = 0;
        for (var j = 0; j < _windows.Count; j++)
        {
            var (rows, columns) = _plan.Regions[_windows[j]][u + 1];
            if (!rows.IsEmpty)
            {
                (groups.TryGetValue((rows.Length, columns.Length), out var list) ? list : groups[(rows.Length, columns.Length)] = []).Add(j);
                floats += unit.Channels.Output * rows.Length * columns.Length;
            }
        }

        output.Reset(_windows.Count, unit.Channels.Output, floats);
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
        Ensure(ref _inputs[slot], members.Count * per);
        for (var m = 0; m < members.Count; m++)
        {
            var j = members[m];
            var (rows, columns) = _plan.Regions[_windows[j]][u + 1];
            var (y, x) = (top(rows), left(columns));
            var crop = _inputs[slot].AsSpan(m * per, per);
            var (patchRows, patchColumns) = _plan.Regions[_windows[j]][id];
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

    /// <summary>Scores <paramref name="count"/> windows from position <paramref name="start"/> (-1: the clean image).</summary>
    private void ScoreSuffix(int start, int count, Span<float> scores)
    {
        var split = _plan.Units.Count;
        var clean = _clean[split];
        var per = clean.Values.Length;
        var classes = _model.ClassCount;
        Ensure(ref _inputs[0], count * per);
        for (var i = 0; i < count; i++)
        {
            var slot = _inputs[0].AsSpan(i * per, per);
            clean.Values.CopyTo(slot);
            if (start >= 0 && _plan.Regions[_windows[start + i]][split] is { Rows.IsEmpty: false } region)
            {
                _patches[split]!.PasteInto(start + i, region, slot, 0, 0, clean.Height, clean.Width);
            }
        }

        Ensure(ref _outputs, count * classes);
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

            (_model.OutputsProbabilities ? row : AuditModel.Softmax(row)).CopyTo(scores.Slice(i * classes, classes));
        }
    }

    /// <summary>Each window's target probability from the suffix's expansion: σ(m + ∇m·(patch − clean)) at the split.</summary>
    private void EstimateFirstOrder(FirstOrderSuffix suffix, float[] scores, int? target)
    {
        var classes = _model.ClassCount;
        var clean = scores.AsSpan(0, classes);
        var t = target ?? Prediction.ArgMax(clean);
        var split = _plan.Units.Count;
        if (_expansion is not { } kept || kept.Target != t)
        {
            var (logOdds, gradient) = suffix.Expand(_clean[split].Values, t);
            _expansion = kept = (t, logOdds, gradient);
        }

        for (var j = 0; j < _windows.Count; j++)
        {
            var row = scores.AsSpan((j + 1) * classes, classes);
            clean.CopyTo(row);
            if (_plan.Regions[_windows[j]][split] is { Rows.IsEmpty: false } region)
            {
                var patch = _patches[split]!.Of(j, region.Rows.Length, region.Columns.Length);
                var change = FirstOrderSuffix.Change(kept.Gradient, _clean[split], patch, region.Rows, region.Columns);
                row[t] = (float)FirstOrderSuffix.Probability(kept.LogOdds + change);
            }
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

    private static void Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }
    }
}
