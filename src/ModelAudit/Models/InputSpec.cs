using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Models;

/// <summary>
/// How an image becomes the model's input tensor: NCHW float, resized to <see cref="Height"/>×<see cref="Width"/>,
/// channels in <see cref="Channels"/> order, each value <c>pixel × Scale[c] + Offset[c]</c> with pixel in 0..255.
/// </summary>
/// <remarks>
/// Mean/std normalisation (<c>(pixel/255 − mean)/std</c>) is the same affine map; <see cref="FromMeanStd"/> converts it,
/// so one representation serves both conventions.
/// </remarks>
public sealed record InputSpec
{
    private InputSpec(int height, int width, ChannelOrder channels, float[] scale, float[] offset)
    {
        Height = height;
        Width = width;
        Channels = channels;
        _scale = scale;
        _offset = offset;
    }

    private readonly float[] _scale;
    private readonly float[] _offset;

    public int Height { get; }

    public int Width { get; }

    public ChannelOrder Channels { get; }

    public int ChannelCount => Channels == ChannelOrder.Gray ? 1 : 3;

    /// <summary>Per model channel (in model order): the factor applied to a 0..255 pixel value.</summary>
    public IReadOnlyList<float> Scale => _scale;

    /// <summary>Per model channel (in model order): added after scaling.</summary>
    public IReadOnlyList<float> Offset => _offset;

    /// <summary>How an image of another size becomes the input's size. Default <see cref="ResizePolicy.Stretch"/>.</summary>
    public ResizePolicy Resize { get; init; } = ResizePolicy.Stretch;

    /// <summary>The colour of the padding that <see cref="ResizePolicy.Letterbox"/> and <see cref="ResizePolicy.FitHeight"/> add. Default black.</summary>
    public Rgb Pad { get; init; }

    /// <summary>
    /// How resized pixels are computed. Default <see cref="Models.Resampling.Bilinear"/>; <see cref="Models.Resampling.MLNet"/>
    /// reproduces ML.NET's <c>ResizeImages</c> (and <c>ConvertToGrayscale</c>) byte for byte, and has no <see cref="ResizePolicy.FitHeight"/>.
    /// </summary>
    public Resampling Resampling { get; init; }

    /// <summary>With <see cref="Models.Resampling.MLNet"/> and <see cref="ChannelOrder.Gray"/>: the pipeline converts to grey before resizing, not after.</summary>
    internal bool GrayscaleBeforeResize { get; init; }

    private bool MlNetGray => Resampling == Resampling.MLNet && Channels == ChannelOrder.Gray;

    /// <summary>Values per image: C·H·W.</summary>
    public int TensorLength => ChannelCount * Height * Width;

    /// <summary>
    /// <c>value = (pixel/255 − mean[c]) / std[c]</c>, with <paramref name="mean"/> and <paramref name="std"/>
    /// given in the model's channel order (one value applies to all channels).
    /// </summary>
    public static InputSpec FromMeanStd(int height, int width, ChannelOrder channels, float[] mean, float[] std)
    {
        var count = channels == ChannelOrder.Gray ? 1 : 3;
        var m = Expand(mean, count, nameof(mean));
        var s = Expand(std, count, nameof(std));
        var scale = new float[count];
        var offset = new float[count];
        for (var c = 0; c < count; c++)
        {
            if (!(s[c] > 0) || !float.IsFinite(s[c]))
            {
                throw new ArgumentException($"std[{c}] must be a positive finite number, but was {s[c].ToString(CultureInfo.InvariantCulture)}.", nameof(std));
            }

            scale[c] = 1f / (255f * s[c]);
            offset[c] = -m[c] / s[c];
        }

        return Create(height, width, channels, scale, offset);
    }

    /// <summary><c>value = pixel × scale[c] + offset[c]</c>, pixel in 0..255.</summary>
    public static InputSpec FromScaleOffset(int height, int width, ChannelOrder channels, float[] scale, float[] offset) =>
        Create(height, width, channels, Expand(scale, channels == ChannelOrder.Gray ? 1 : 3, nameof(scale)), Expand(offset, channels == ChannelOrder.Gray ? 1 : 3, nameof(offset)));

    /// <summary>The range of values a 0..255 image can produce in channel <paramref name="channel"/>.</summary>
    public (float Min, float Max) ValueRange(int channel)
    {
        var a = _offset[channel];
        var b = (255f * _scale[channel]) + _offset[channel];
        return (Math.Min(a, b), Math.Max(a, b));
    }

    /// <summary>Where an image of <paramref name="width"/>×<paramref name="height"/> lands in the input under <see cref="Resize"/>.</summary>
    public ImagePlacement Placement(int width, int height)
    {
        if (width == Width && height == Height)
        {
            return new ImagePlacement(width, height, 1, 1, 0, 0, Resize);
        }

        if (Resampling == Resampling.MLNet)
        {
            if (Resize == ResizePolicy.FitHeight)
            {
                throw new ArgumentException("Resize fit_height has no ML.NET counterpart (ResizeImages fills, pads or crops); use Bilinear resampling with it.");
            }

            var (x, y, w, h) = MlNetImaging.Rectangle(width, height, Width, Height, Resize);
            return new ImagePlacement(width, height, (double)w / width, (double)h / height, x, y, Resize);
        }

        double sx = (double)Width / width, sy = (double)Height / height;
        switch (Resize)
        {
            case ResizePolicy.Letterbox:
                {
                    var s = Math.Min(sx, sy);
                    var (w, h) = (Fit(width * s, Width), Fit(height * s, Height));
                    return new ImagePlacement(width, height, (double)w / width, (double)h / height, (Width - w) / 2, (Height - h) / 2, Resize);
                }

            case ResizePolicy.FitHeight:
                return new ImagePlacement(width, height, (double)Fit(width * sy, Width) / width, sy, 0, 0, Resize);
            case ResizePolicy.CropCenter or ResizePolicy.CropTop or ResizePolicy.CropBottom or ResizePolicy.CropLeft or ResizePolicy.CropRight:
                {
                    var s = Math.Max(sx, sy);
                    var (w, h) = (Math.Max(Width, (int)Math.Round(width * s)), Math.Max(Height, (int)Math.Round(height * s)));
                    var ox = Resize switch { ResizePolicy.CropLeft => 0, ResizePolicy.CropRight => Width - w, _ => -((w - Width) / 2) };
                    var oy = Resize switch { ResizePolicy.CropTop => 0, ResizePolicy.CropBottom => Height - h, _ => -((h - Height) / 2) };
                    return new ImagePlacement(width, height, (double)w / width, (double)h / height, ox, oy, Resize);
                }

            default:
                return new ImagePlacement(width, height, sx, sy, 0, 0, Resize);
        }
    }

    /// <summary>The image as the model sees it: <see cref="Height"/>×<see cref="Width"/>, placed as <see cref="Resize"/> says.</summary>
    public RgbImage Place(RgbImage image)
    {
        if (Resampling == Resampling.MLNet)
        {
            return PlaceAsMlNet(image);
        }

        if (image.Width == Width && image.Height == Height)
        {
            return image;
        }

        var at = Placement(image.Width, image.Height);
        var w = (int)Math.Round(image.Width * at.ScaleX);
        var h = (int)Math.Round(image.Height * at.ScaleY);
        var scaled = ImageOps.Resize(image, w, h);
        var (ox, oy) = ((int)at.OffsetX, (int)at.OffsetY);
        return w == Width && h == Height && ox == 0 && oy == 0
            ? scaled
            : RgbImage.Create(Width, Height, (x, y) => scaled.Bounds.Contains(x - ox, y - oy) ? scaled[x - ox, y - oy] : Pad);
    }

    /// <summary>Writes one image as C·H·W floats into <paramref name="destination"/>, placing it first if needed (<see cref="Place"/>).</summary>
    public void WriteTensor(RgbImage image, Span<float> destination)
    {
        if (destination.Length < TensorLength)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; {TensorLength} are needed.", nameof(destination));
        }

        var source = Place(image);
        var pixels = source.Pixels;
        var plane = Height * Width;
        for (var p = 0; p < plane; p++)
        {
            var r = pixels[p * 3];
            var g = pixels[(p * 3) + 1];
            var b = pixels[(p * 3) + 2];
            switch (Channels)
            {
                case ChannelOrder.Rgb:
                    destination[p] = (r * _scale[0]) + _offset[0];
                    destination[plane + p] = (g * _scale[1]) + _offset[1];
                    destination[(2 * plane) + p] = (b * _scale[2]) + _offset[2];
                    break;
                case ChannelOrder.Bgr:
                    destination[p] = (b * _scale[0]) + _offset[0];
                    destination[plane + p] = (g * _scale[1]) + _offset[1];
                    destination[(2 * plane) + p] = (r * _scale[2]) + _offset[2];
                    break;
                default:
                    // ML.NET's grey is in the pixels already (PlaceAsMlNet), R = G = B.
                    var luma = MlNetGray ? r : (0.299f * r) + (0.587f * g) + (0.114f * b);
                    destination[p] = (luma * _scale[0]) + _offset[0];
                    break;
            }
        }
    }

    /// <summary>One image as a new C·H·W array.</summary>
    public float[] ToTensor(RgbImage image)
    {
        var tensor = new float[TensorLength];
        WriteTensor(image, tensor);
        return tensor;
    }

    /// <summary>The model-space value that a constant pixel colour maps to, per model channel.</summary>
    public float[] ValueOf(Rgb colour) => Channels switch
    {
        ChannelOrder.Rgb => [(colour.R * _scale[0]) + _offset[0], (colour.G * _scale[1]) + _offset[1], (colour.B * _scale[2]) + _offset[2]],
        ChannelOrder.Bgr => [(colour.B * _scale[0]) + _offset[0], (colour.G * _scale[1]) + _offset[1], (colour.R * _scale[2]) + _offset[2]],
        _ when MlNetGray => [(MlNetImaging.Gray(colour) * _scale[0]) + _offset[0]],
        _ => [(((0.299f * colour.R) + (0.587f * colour.G) + (0.114f * colour.B)) * _scale[0]) + _offset[0]],
    };

    public bool Equals(InputSpec? other) =>
        other is not null && Height == other.Height && Width == other.Width && Channels == other.Channels && Resize == other.Resize && Pad == other.Pad &&
        Resampling == other.Resampling && GrayscaleBeforeResize == other.GrayscaleBeforeResize &&
        _scale.AsSpan().SequenceEqual(other._scale) && _offset.AsSpan().SequenceEqual(other._offset);

    public override int GetHashCode() => HashCode.Combine(Height, Width, Channels, _scale[0], _offset[0]);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{ChannelCount}x{Height}x{Width} {Channels} scale=[{string.Join(", ", _scale.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}] offset=[{string.Join(", ", _offset.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}]{(Resize == ResizePolicy.Stretch ? "" : $" resize={Resize.ConfigName()} pad={Pad}")}{(Resampling == Resampling.MLNet ? $" resampling=mlnet{(MlNetGray ? GrayscaleBeforeResize ? " gray=before-resize" : " gray=after-resize" : "")}" : "")}");

    private static InputSpec Create(int height, int width, ChannelOrder channels, float[] scale, float[] offset)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentException($"The input size must be positive, but {height}x{width} (HxW) was given.");
        }

        foreach (var v in scale.Concat(offset))
        {
            if (!float.IsFinite(v))
            {
                throw new ArgumentException("Scale and offset must be finite numbers.");
            }
        }

        return new InputSpec(height, width, channels, scale, offset);
    }

    /// <summary>ML.NET's order: grey first when the pipeline says so, then ResizeImages (skipped at the input size), then grey.</summary>
    private RgbImage PlaceAsMlNet(RgbImage image)
    {
        if (MlNetGray && GrayscaleBeforeResize)
        {
            image = MlNetImaging.Grayscale(image);
        }

        if (image.Width != Width || image.Height != Height)
        {
            _ = Placement(image.Width, image.Height);
            image = MlNetImaging.Resize(image, Width, Height, Resize);
        }

        return MlNetGray && !GrayscaleBeforeResize ? MlNetImaging.Grayscale(image) : image;
    }

    /// <summary>A scaled length in whole pixels, at least 1 and at most <paramref name="limit"/>.</summary>
    private static int Fit(double length, int limit) => Math.Clamp((int)Math.Round(length), 1, limit);

    private static float[] Expand(float[] values, int count, string name)
    {
        if (values.Length == 1)
        {
            return Enumerable.Repeat(values[0], count).ToArray();
        }

        if (values.Length != count)
        {
            throw new ArgumentException($"'{name}' needs 1 or {count} values (one per channel), but {values.Length} were given.", name);
        }

        return (float[])values.Clone();
    }
}
