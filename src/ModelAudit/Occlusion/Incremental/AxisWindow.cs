namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// One spatial axis of a windowed node (Conv, MaxPool, AveragePool): output i reads the inputs
/// [i·<see cref="Stride"/> − <see cref="PadBegin"/>, that + <see cref="Extent"/>), where positions outside
/// [0, <see cref="InputLength"/>) are padding. An element-wise node is the identity window.
/// </summary>
/// <param name="Extent">The dilated kernel size: (k − 1)·dilation + 1.</param>
/// <param name="Stride">Input positions between adjacent outputs.</param>
/// <param name="PadBegin">Padding before the first input position.</param>
/// <param name="InputLength">Length of the input along this axis.</param>
/// <param name="OutputLength">Length of the output along this axis.</param>
internal readonly record struct AxisWindow(int Extent, int Stride, int PadBegin, int InputLength, int OutputLength)
{
    public static AxisWindow Identity(int length) => new(1, 1, 0, length, length);

    /// <summary>The outputs whose inputs meet <paramref name="changed"/>: its projective field, clipped to the map.</summary>
    public Interval Affected(Interval changed) => changed.IsEmpty
        ? Interval.Empty
        : new Interval(
            Math.Max(0, CeilDiv(changed.Lo + PadBegin - Extent + 1, Stride)),
            Math.Min(OutputLength - 1, FloorDiv(changed.Hi + PadBegin, Stride)));

    /// <summary>Where the input crop for outputs starting at <paramref name="first"/> begins (negative: in the padding).</summary>
    public int CropStart(int first) => (first * Stride) - PadBegin;

    /// <summary>The input crop length that computes <paramref name="outputs"/> outputs without padding of its own.</summary>
    public int CropLength(int outputs) => ((outputs - 1) * Stride) + Extent;

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static int CeilDiv(int a, int b) => -FloorDiv(-a, b);
}
