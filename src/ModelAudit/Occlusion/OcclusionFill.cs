using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Occlusion;

/// <summary>
/// What an occluding window shows in place of the image. A closed set: a constant colour, a mean colour, a blurred
/// copy of the image, a user-supplied image — each a replacement image whose pixels go through the input spec's
/// normalisation — or values given directly in the model's input space (<see cref="InputValue"/>), written into the
/// tensor after normalisation. Either way the window copies its values from one replacement tensor.
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

    /// <summary>
    /// Values in the model's input space, after normalisation: one per model channel (in the spec's channel order),
    /// or one for every channel. Captum's baselines are given this way.
    /// </summary>
    public static OcclusionFill InputValue(params float[] perChannel) => new InputValueFill([.. perChannel ?? throw new ArgumentNullException(nameof(perChannel))]);

    /// <summary>
    /// Zero in the model's input space: Captum's default baseline. After mean/std normalisation that is the dataset
    /// mean the spec normalises with (ImageNet's (124, 116, 104) for the usual spec), not black; with a plain
    /// <c>c/127.5 − 1</c> spec it is mid-grey 127.5.
    /// </summary>
    public static OcclusionFill NormalisedZero { get; } = new InputValueFill([0f]);

    /// <summary>The image the windows copy from, for <paramref name="image"/> (already at the model's input size).</summary>
    internal abstract RgbImage ReplacementFor(RgbImage image);

    /// <summary>The input tensor the windows copy from, for <paramref name="image"/> (already at the model's input size).</summary>
    internal virtual float[] TensorFor(RgbImage image, InputSpec spec) => spec.ToTensor(ReplacementFor(image));

    internal virtual void Validate(InputSpec spec)
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

        internal override void Validate(InputSpec spec)
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

        internal override void Validate(InputSpec spec)
        {
            if (Replacement.Width != spec.Width || Replacement.Height != spec.Height)
            {
                throw new ArgumentException(
                    $"Invalid occlusion options: the fill image is {Replacement.Width}x{Replacement.Height}, but it must match the model's {spec.Width}x{spec.Height} input.");
            }
        }

        public override string ToString() => $"image {Replacement.Width}x{Replacement.Height}";
    }

    /// <summary>Values in the model's input space, one per channel or one for all.</summary>
    public sealed record InputValueFill : OcclusionFill
    {
        private readonly float[] _values;

        internal InputValueFill(float[] values) => _values = values;

        /// <summary>The values as given: one per model channel, or one for all channels.</summary>
        public IReadOnlyList<float> Values => _values;

        internal override RgbImage ReplacementFor(RgbImage image) =>
            throw new InvalidOperationException("An input-space fill has no RGB image; its values are written into the tensor.");

        internal override float[] TensorFor(RgbImage image, InputSpec spec)
        {
            var plane = spec.Height * spec.Width;
            var tensor = new float[spec.TensorLength];
            for (var c = 0; c < spec.ChannelCount; c++)
            {
                tensor.AsSpan(c * plane, plane).Fill(_values.Length == 1 ? _values[0] : _values[c]);
            }

            return tensor;
        }

        internal override void Validate(InputSpec spec)
        {
            if (_values.Length != 1 && _values.Length != spec.ChannelCount)
            {
                throw new ArgumentException(
                    $"Invalid occlusion options: the input-value fill has {_values.Length} values; the model has {spec.ChannelCount} channels, so give {spec.ChannelCount} (one per channel, in the spec's {spec.Channels} order) or 1.");
            }

            if (_values.Any(v => !float.IsFinite(v)))
            {
                throw new ArgumentException($"Invalid occlusion options: the input-value fill must be finite, but was ({Text}).");
            }
        }

        public bool Equals(InputValueFill? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

        public override int GetHashCode() => _values.Aggregate(17, (h, v) => HashCode.Combine(h, v));

        public override string ToString() => _values.All(v => v == 0) ? "normalised zero (input value 0)" : $"input value ({Text})";

        private string Text => string.Join(", ", _values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)));
    }
}
