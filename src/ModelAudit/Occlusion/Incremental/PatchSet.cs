namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The recomputed patches of one tensor for the windows of a call, in one reused array. The patches of one run lie
/// back to back, so the run writes its output straight into them.
/// </summary>
internal sealed class PatchSet
{
    private float[] _values = [];
    private int[] _offsets = [];
    private int _next;

    public int Channels { get; private set; }

    /// <summary>Empties the set and makes room for <paramref name="floats"/> values of patches of <paramref name="windows"/> windows.</summary>
    public void Reset(int windows, int channels, int floats)
    {
        Channels = channels;
        _next = 0;
        if (_values.Length < floats)
        {
            _values = new float[floats];
        }

        if (_offsets.Length < windows)
        {
            _offsets = new int[windows];
        }
    }

    /// <summary>Sets aside the patches of <paramref name="members"/>, each <paramref name="height"/>×<paramref name="width"/>, back to back.</summary>
    public Memory<float> Place(IReadOnlyList<int> members, int height, int width)
    {
        var per = Channels * height * width;
        var start = _next;
        for (var m = 0; m < members.Count; m++)
        {
            _offsets[members[m]] = start + (m * per);
        }

        _next += members.Count * per;
        return _values.AsMemory(start, members.Count * per);
    }

    /// <summary>Window <paramref name="j"/>'s patch of <paramref name="height"/>×<paramref name="width"/>.</summary>
    public Span<float> Of(int j, int height, int width) => _values.AsSpan(_offsets[j], Channels * height * width);

    /// <summary>Pastes window <paramref name="j"/>'s patch into a crop placed at (<paramref name="top"/>, <paramref name="left"/>) of the full map.</summary>
    public void PasteInto(int j, Footprint region, Span<float> crop, int top, int left, int height, int width)
    {
        var (rows, columns) = region;
        Region.Copy(Of(j, rows.Length, columns.Length), Channels, rows.Length, columns.Length, rows.Lo, columns.Lo, crop, height, width, top, left);
    }
}
