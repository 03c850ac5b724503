using System.Globalization;

namespace ModelAudit.Imaging;

/// <summary>
/// How large an image ModelAudit agrees to decode. The size an image file declares in its header is checked before any
/// pixel memory is allocated, so a crafted file of a few hundred bytes cannot make a gate allocate gigabytes.
/// Two layers: <see cref="Global"/> (set once, e.g. at start-up or from a <c>[ModuleInitializer]</c>), and the limits
/// passed to a call (<see cref="ImageCodec.Load(string, ImageLimits?)"/>, <see cref="Datasets.ImageSetOptions.ImageLimits"/>).
/// </summary>
public sealed record ImageLimits
{
    /// <summary>The default of <see cref="MaxPixels"/>: 64 megapixels (64,000,000 pixels, e.g. 8000×8000).</summary>
    public const long DefaultMaxPixels = 64_000_000;

    /// <summary>The largest <see cref="MaxPixels"/> can be: decoded RGBA pixels must fit one .NET array.</summary>
    public const long LargestMaxPixels = int.MaxValue / 4;

    private static ImageLimits _global = new();

    /// <summary>The limits of every read that passes none. Raise with <c>ImageLimits.Global = ImageLimits.Global with { MaxPixels = 200_000_000 }</c>.</summary>
    public static ImageLimits Global
    {
        get => Volatile.Read(ref _global);
        set => Volatile.Write(ref _global, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// Most pixels (width × height) an image may declare. Default <see cref="DefaultMaxPixels"/> (64 megapixels), which
    /// costs up to about 450 MB while decoding (4 bytes a pixel for the decoder, 3 for the image); must lie in
    /// [1, <see cref="LargestMaxPixels"/>].
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>Throws <see cref="InvalidImageException"/> naming <paramref name="source"/> when its declared size is unusable.</summary>
    internal void Check(int width, int height, string source)
    {
        if (width <= 0 || height <= 0)
        {
            throw new InvalidImageException($"'{source}' declares a size of {width}x{height} pixels; an image needs a positive width and height. The file is corrupt or not an image.");
        }

        var pixels = (long)width * height;
        if (pixels > MaxPixels)
        {
            throw new InvalidImageException(
                $"'{source}' declares {width}x{height} pixels ({Megapixels(pixels)} megapixels), more than the limit of {Megapixels(MaxPixels)} megapixels " +
                $"(ImageLimits.MaxPixels = {MaxPixels.ToString(CultureInfo.InvariantCulture)}). If the image is genuine, shrink it or raise the limit, " +
                "e.g. ImageLimits.Global = ImageLimits.Global with { MaxPixels = ... }; otherwise the file is corrupt or crafted.");
        }
    }

    internal void Validate()
    {
        if (MaxPixels is < 1 or > LargestMaxPixels)
        {
            throw new ArgumentException(
                $"Invalid image limits: {nameof(MaxPixels)} must lie in [1, {LargestMaxPixels.ToString(CultureInfo.InvariantCulture)}] " +
                $"(larger images do not fit one array), but was {MaxPixels.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static string Megapixels(long pixels) => (pixels / 1e6).ToString("0.#", CultureInfo.InvariantCulture);
}
