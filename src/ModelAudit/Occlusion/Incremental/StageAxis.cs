namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// One spatial axis of one stage: how a changed range of the stage's input spreads to its output (the projective
/// field), and which input crop recomputes that output range exactly.
/// </summary>
/// <remarks>
/// Output position i sees inputs [Start + i·Jump, Start + i·Jump + Size) (its receptive field through the stage,
/// padding included). A crop whose offset is a multiple of Jump keeps every layer's grid aligned with the full
/// computation, and an output whose field lies inside the crop is computed exactly. Where the crop reaches the
/// tensor's edge, the stage's own padding is the model's real padding, so fields may reach past that edge.
/// </remarks>
/// <param name="InputLength">Length of the stage's input along this axis (for the whole image).</param>
/// <param name="OutputLength">Length of the stage's output along this axis.</param>
/// <param name="Size">Receptive field size, in input positions.</param>
/// <param name="Jump">Input positions between adjacent outputs (the product of the strides).</param>
/// <param name="Start">Input position where output 0's field starts; negative when it reaches into padding.</param>
internal sealed record StageAxis(int InputLength, int OutputLength, int Size, int Jump, int Start)
{
    /// <summary>
    /// The outputs whose field meets the changed inputs [<paramref name="from"/>, <paramref name="to"/>), as an
    /// inclusive range clipped to the map; with <paramref name="cap"/> &lt; the range's length, only its central
    /// <paramref name="cap"/> positions (projective-field truncation). Empty (Lo &gt; Hi) when nothing changes.
    /// </summary>
    public (int Lo, int Hi) Changed(int from, int to, int cap = int.MaxValue)
    {
        var lo = Math.Max(0, FloorDiv(from - Start - Size, Jump) + 1);
        var hi = Math.Min(OutputLength - 1, CeilDiv(to - Start, Jump) - 1);
        if (hi - lo + 1 > cap)
        {
            lo += (hi - lo + 1 - cap) / 2;
            hi = lo + cap - 1;
        }

        return (lo, hi);
    }

    /// <summary>
    /// The input crop [Offset, Offset + Length) that recomputes outputs <paramref name="lo"/>..<paramref name="hi"/>:
    /// its offset is a multiple of <see cref="Jump"/>, and its length is <paramref name="length"/> unless the crop runs
    /// into the end of the input, where it is cut there (and starts early enough to keep the same alignment).
    /// </summary>
    public (int Offset, int Length) Crop(int lo, int hi, int length)
    {
        var start = Start + (lo * Jump);
        var offset = start <= 0 ? 0 : start / Jump * Jump;
        if (offset + length <= InputLength)
        {
            return (offset, length);
        }

        offset = Math.Max(0, FloorDiv(InputLength - length, Jump) * Jump);
        return (offset, InputLength - offset);
    }

    /// <summary>The crop length that outputs <paramref name="lo"/>..<paramref name="hi"/> need before alignment is fixed.</summary>
    public int Needed(int lo, int hi)
    {
        var start = Start + (lo * Jump);
        var offset = start <= 0 ? 0 : start / Jump * Jump;
        return Math.Min(InputLength, Start + (hi * Jump) + Size) - offset;
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);

    private static int CeilDiv(int a, int b) => (int)Math.Ceiling(a / (double)b);
}
