namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The recomputed patches of one tensor for every window of a call, back to back in one reused array: window j's
/// patch starts at j·<see cref="Stride"/> and covers the rows and columns the plan gives it.
/// </summary>
internal sealed class PatchSet
{
    private float[] _values = [];

    public int Channels { get; private set; }

    /// <summary>Floats set aside per window.</summary>
    public int Stride { get; private set; }

    /// <summary>Makes room for <paramref name="windows"/> patches of at most <paramref name="channels"/>×<paramref name="height"/>×<paramref name="width"/>.</summary>
    public void Reset(int windows, int channels, int height, int width)
    {
        Channels = channels;
        Stride = channels * height * width;
        if (_values.Length < windows * Stride)
        {
            _values = new float[windows * Stride];
        }
    }

    /// <summary>Window <paramref name="j"/>'s patch of <paramref name="height"/>×<paramref name="width"/>.</summary>
    public Span<float> Of(int j, int height, int width) => _values.AsSpan(j * Stride, Channels * height * width);

    /// <summary>Pastes window <paramref name="j"/>'s patch into a crop placed at (<paramref name="top"/>, <paramref name="left"/>) of the full map.</summary>
    public void PasteInto(int j, (Interval Rows, Interval Columns) region, Span<float> crop, int top, int left, int height, int width)
    {
        var (rows, columns) = region;
        Region.Copy(Of(j, rows.Length, columns.Length), Channels, rows.Length, columns.Length, rows.Lo, columns.Lo, crop, height, width, top, left);
    }
}
