namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The recomputed patches of one stage's output for every window of a call, back to back in one reused array: window
/// j's patch starts at j·<see cref="Stride"/> and has the size and place its trace gives.
/// </summary>
internal sealed class PatchSet
{
    private float[] _values = [];

    public float[] Values => _values;

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

    /// <summary>Window <paramref name="j"/>'s patch, shaped by its trace.</summary>
    public Span<float> Of(int j, WindowTrace trace) => _values.AsSpan(j * Stride, Channels * trace.Height * trace.Width);

    /// <summary>Pastes window <paramref name="j"/>'s patch into a crop at (<paramref name="top"/>, <paramref name="left"/>) of the full map.</summary>
    public void PasteInto(int j, WindowTrace trace, Span<float> crop, int top, int left, int height, int width) =>
        Region.Copy(Of(j, trace), Channels, trace.Height, trace.Width, trace.Rows.Lo, trace.Columns.Lo, crop, height, width, top, left);
}
