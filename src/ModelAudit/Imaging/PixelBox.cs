namespace ModelAudit.Imaging;

/// <summary>An axis-aligned rectangle in pixel coordinates: <c>[X, X+Width) × [Y, Y+Height)</c>.</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public int Area => Math.Max(0, Width) * Math.Max(0, Height);

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    /// <summary>This box grown by <paramref name="margin"/> pixels on every side, clipped to <paramref name="bounds"/>.</summary>
    public PixelBox Inflate(int margin, PixelBox bounds) => Intersect(new PixelBox(X - margin, Y - margin, Width + (2 * margin), Height + (2 * margin)), bounds);

    public static PixelBox Intersect(PixelBox a, PixelBox b)
    {
        var x0 = Math.Max(a.X, b.X);
        var y0 = Math.Max(a.Y, b.Y);
        var x1 = Math.Min(a.Right, b.Right);
        var y1 = Math.Min(a.Bottom, b.Bottom);
        return x1 <= x0 || y1 <= y0 ? new PixelBox(x0, y0, 0, 0) : new PixelBox(x0, y0, x1 - x0, y1 - y0);
    }

    public override string ToString() => $"({X},{Y},{Width}x{Height})";
}
