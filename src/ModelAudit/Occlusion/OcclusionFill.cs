using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Occlusion;

/// <summary>
/// What an occluding window shows in place of the image. A closed set: a constant colour, a mean colour, a blurred
/// copy of the image, or a user-supplied image. Every kind is expressed as a replacement image of the same size, and
/// the window copies its pixels from it.
/// </summary>
public abstract record OcclusionFill
{
    private OcclusionFill()
    {
    }

    /// <summary>Mid-grey (128, 128, 128), the fill of Zeiler &amp; Fergus; the default.</summary>
    public static OcclusionFill MidGray { get; } = new ConstantFill(Rgb.Gray(128));

    /// <summary>A constant pixel colour.</summary>
    public static OcclusionFill Constant(Rgb colour) => new ConstantFill(colour);

    /// <summary>
    /// A mean colour: <paramref name="datasetMean"/> when given (the per-channel mean of the training data), otherwise
    /// the per-channel mean of each image being occluded.
    /// </summary>
    public static OcclusionFill Mean(Rgb? datasetMean = null) => new MeanFill(datasetMean);

    /// <summary>A Gaussian-blurred copy of the image: removes detail while keeping colour and layout.</summary>
    public static OcclusionFill Blurred(double sigma) => new BlurFill(sigma);

    /// <summary>Pixels taken from <paramref name="replacement"/>, which must have the model's input size.</summary>
    public static OcclusionFill FromImage(RgbImage replacement) => new ImageFill(replacement);

    /// <summary>The image the windows copy from, for <paramref name="image"/> (already at the model's input size).</summary>
    internal abstract RgbImage ReplacementFor(RgbImage image);

    internal virtual void Validate(int width, int height)
    {
    }

    /// <summary>A constant colour.</summary>
    public sealed record ConstantFill(Rgb Colour) : OcclusionFill
    {
        internal override RgbImage ReplacementFor(RgbImage image) => RgbImage.Filled(image.Width, image.Height, Colour);

        public override string ToString() => $"constant {Colour}";
    }

    /// <summary>The dataset mean when given, else each image's own per-channel mean.</summary>
    public sealed record MeanFill(Rgb? DatasetMean) : OcclusionFill
    {
        internal override RgbImage ReplacementFor(RgbImage image) =>
            RgbImage.Filled(image.Width, image.Height, DatasetMean ?? ImageOps.MeanColour(image));

        public override string ToString() => DatasetMean is { } m ? $"dataset mean {m}" : "image mean";
    }

    /// <summary>A blurred copy of the image.</summary>
    public sealed record BlurFill(double Sigma) : OcclusionFill
    {
        internal override RgbImage ReplacementFor(RgbImage image) => ImageOps.GaussianBlur(image, Sigma);

        internal override void Validate(int width, int height)
        {
            if (!(Sigma > 0) || !double.IsFinite(Sigma))
            {
                throw new ArgumentException($"Invalid occlusion options: the blur fill needs a positive finite sigma, but {Sigma.ToString(CultureInfo.InvariantCulture)} was given.");
            }
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"blur sigma={Sigma}");
    }

    /// <summary>A user-supplied image.</summary>
    public sealed record ImageFill(RgbImage Replacement) : OcclusionFill
    {
        internal override RgbImage ReplacementFor(RgbImage image) => Replacement;

        internal override void Validate(int width, int height)
        {
            if (Replacement.Width != width || Replacement.Height != height)
            {
                throw new ArgumentException(
                    $"Invalid occlusion options: the fill image is {Replacement.Width}x{Replacement.Height}, but it must match the model's {width}x{height} input.");
            }
        }

        public override string ToString() => $"image {Replacement.Width}x{Replacement.Height}";
    }
}
