namespace ModelAudit.Imaging;

/// <summary>
/// An immutable boolean grid marking a set of pixels, such as the exact pixels of an object.
/// Points outside the grid are never contained.
/// </summary>
public sealed class PixelMask : IEquatable<PixelMask>
{
    private readonly bool[] _cells;

    private PixelMask(int width, int height, bool[] cells)
    {
        Width = width;
        Height = height;
        _cells = cells;

        var area = 0;
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (!cells[(y * width) + x])
                {
                    continue;
                }

                area++;
                x0 = Math.Min(x0, x);
                y0 = Math.Min(y0, y);
                x1 = Math.Max(x1, x);
                y1 = Math.Max(y1, y);
            }
        }

        Area = area;
        Bounds = area == 0 ? new PixelBox(0, 0, 0, 0) : new PixelBox(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The number of pixels in the mask.</summary>
    public int Area { get; }

    /// <summary>The smallest box holding every pixel of the mask; an empty box at (0,0) when the mask is empty.</summary>
    public PixelBox Bounds { get; }

    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height && _cells[(y * Width) + x];

    /// <summary>Builds a mask by asking <paramref name="inside"/> about each pixel (x, y).</summary>
    public static PixelMask FromPredicate(int width, int height, Func<int, int, bool> inside)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"A mask needs a positive size, but {width}x{height} was given.");
        }

        var cells = new bool[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                cells[(y * width) + x] = inside(x, y);
            }
        }

        return new PixelMask(width, height, cells);
    }

    /// <summary>Reads a mask drawn as light pixels on a dark image: a pixel is inside when its mean level exceeds 127.</summary>
    public static PixelMask FromImage(RgbImage image)
    {
        var rgb = image.Pixels;
        var cells = new bool[image.Width * image.Height];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = rgb[3 * i] + rgb[(3 * i) + 1] + rgb[(3 * i) + 2] > 3 * 127;
        }

        return new PixelMask(image.Width, image.Height, cells);
    }

    /// <summary>Draws the mask white on black, the form <see cref="FromImage"/> reads back.</summary>
    public RgbImage ToImage() => ToImage(Rgb.Gray(255), Rgb.Gray(0));

    public RgbImage ToImage(Rgb inside, Rgb outside) => RgbImage.Create(Width, Height, (x, y) => Contains(x, y) ? inside : outside);

    public bool Equals(PixelMask? other) =>
        other is not null && Width == other.Width && Height == other.Height && _cells.AsSpan().SequenceEqual(other._cells);

    public override bool Equals(object? obj) => Equals(obj as PixelMask);

    public override int GetHashCode() => HashCode.Combine(Width, Height, Area, Bounds);

    public override string ToString() => $"PixelMask {Width}x{Height}, {Area} px in {Bounds}";
}
