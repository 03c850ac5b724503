namespace ModelAudit.Imaging;

/// <summary>
/// An immutable 8-bit RGB image, pixels interleaved row by row (R, G, B).
/// Every transform returns a new image; the pixels of an instance never change.
/// </summary>
public sealed class RgbImage
{
    private readonly byte[] _pixels;

    private RgbImage(int width, int height, byte[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Interleaved RGB bytes, <c>Width * Height * 3</c> of them.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Creates an image from interleaved RGB bytes (copied).</summary>
    public static RgbImage FromPixels(int width, int height, ReadOnlySpan<byte> rgb)
    {
        ValidateSize(width, height);
        if (rgb.Length != width * height * 3)
        {
            throw new ArgumentException(
                $"Expected {width * height * 3} bytes for a {width}x{height} RGB image, but got {rgb.Length}.", nameof(rgb));
        }

        return new RgbImage(width, height, rgb.ToArray());
    }

    /// <summary>Creates an image by asking <paramref name="pixel"/> for the colour at each (x, y).</summary>
    public static RgbImage Create(int width, int height, Func<int, int, Rgb> pixel)
    {
        ValidateSize(width, height);
        var data = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var c = pixel(x, y);
                var i = ((y * width) + x) * 3;
                data[i] = c.R;
                data[i + 1] = c.G;
                data[i + 2] = c.B;
            }
        }

        return new RgbImage(width, height, data);
    }

    /// <summary>A single-colour image.</summary>
    public static RgbImage Filled(int width, int height, Rgb colour) => Create(width, height, (_, _) => colour);

    public Rgb this[int x, int y]
    {
        get
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            {
                throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) lies outside the {Width}x{Height} image.");
            }

            var i = ((y * Width) + x) * 3;
            return new Rgb(_pixels[i], _pixels[i + 1], _pixels[i + 2]);
        }
    }

    public PixelBox Bounds => new(0, 0, Width, Height);

    /// <summary>
    /// The tiles this picture is a grid of, when <see cref="TileGrid.Compose"/> drew it; null otherwise. Baselines
    /// compare such pictures tile by tile, so one changed tile among many cannot hide in the overall SSIM.
    /// Transforms return images without it.
    /// </summary>
    public TileLayout? Tiles { get; private init; }

    /// <summary>The same pixels, declared to be a grid of <paramref name="tiles"/>.</summary>
    internal RgbImage WithTiles(TileLayout tiles) => new(Width, Height, _pixels) { Tiles = tiles };

    /// <summary>Takes ownership of <paramref name="rgb"/> without copying; for code that just built the array.</summary>
    internal static RgbImage Wrap(int width, int height, byte[] rgb)
    {
        ValidateSize(width, height);
        return new RgbImage(width, height, rgb);
    }

    /// <summary>A copy of the pixels that the caller may change.</summary>
    internal byte[] CopyPixels() => (byte[])_pixels.Clone();

    private static void ValidateSize(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"An image needs a positive size, but {width}x{height} was given.");
        }
    }
}
