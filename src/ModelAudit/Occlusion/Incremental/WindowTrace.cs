namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// What one window changes at the output of one stage (rows <see cref="Rows"/>, columns <see cref="Columns"/>,
/// inclusive; empty when Lo &gt; Hi) and the input crop that recomputes it.
/// </summary>
internal readonly record struct WindowTrace((int Lo, int Hi) Rows, (int Lo, int Hi) Columns, (int Offset, int Length) CropY, (int Offset, int Length) CropX)
{
    public bool IsEmpty => Rows.Lo > Rows.Hi || Columns.Lo > Columns.Hi;

    public int Height => Rows.Hi - Rows.Lo + 1;

    public int Width => Columns.Hi - Columns.Lo + 1;
}
