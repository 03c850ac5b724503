using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Faithfulness;

/// <summary>
/// Max-sensitivity (Yeh et al. 2019): how far an explanation moves when the image moves by noise the model should not
/// care about. Per image, the largest over seeded noisy copies x + δ of ‖Φ(x + δ) − Φ(x)‖₂ / ‖Φ(x)‖₂, with δ uniform in
/// a small box (<see cref="MaxSensitivityOptions.Radius"/>). 0 for an explainer that ignores such noise; gradient maps
/// of ReLU networks often score near 1. Any explainer that returns an <see cref="IPixelMap"/> can be measured.
/// </summary>
public sealed class MaxSensitivity(AuditModel model)
{
    /// <summary>Explains each image and <see cref="MaxSensitivityOptions.Samples"/> noisy copies of it with <see cref="MaxSensitivityOptions.Explainer"/>.</summary>
    public MaxSensitivityResult Compute(IReadOnlyList<RgbImage> images, MaxSensitivityOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (images.Count == 0)
        {
            throw new ArgumentException("Max-sensitivity needs at least one image.", nameof(images));
        }

        var method = "";
        var sensitivities = new double[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(images[i], $"{nameof(images)}[{i}]");
            var image = model.Spec.Place(images[i]);
            var clean = options.Explainer(model, image);
            method = i == 0 ? PixelMapNames.MethodOf(clean) : method;
            var norm = Norm(clean.Values, default);
            var largest = 0.0;
            for (var s = 0; s < options.Samples; s++)
            {
                var noisy = options.Explainer(model, Noisy(image, options.Radius, SeedMix.Of(options.Seed, i, s)));
                if (noisy.Width != clean.Width || noisy.Height != clean.Height)
                {
                    throw new InvalidOperationException($"The explainer made a {clean.Width}x{clean.Height} map of image {i} but a {noisy.Width}x{noisy.Height} map of its noisy copy.");
                }

                largest = Math.Max(largest, Norm(noisy.Values, clean.Values));
            }

            sensitivities[i] = norm > 0 ? largest / norm : double.NaN;
        }

        return new MaxSensitivityResult(method, sensitivities, options.Samples, options.Radius);
    }

    /// <summary>The image with every channel moved by a uniform amount in ±radius·255, rounded and clamped to 0..255.</summary>
    private static RgbImage Noisy(RgbImage image, double radius, int seed)
    {
        var random = new Random(seed);
        var pixels = image.CopyPixels();
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(Math.Round(pixels[i] + (((2 * random.NextDouble()) - 1) * radius * 255)), 0, 255);
        }

        return RgbImage.Wrap(image.Width, image.Height, pixels);
    }

    /// <summary>‖a − b‖₂, with an empty <paramref name="b"/> read as zeros.</summary>
    private static double Norm(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - (b.IsEmpty ? 0 : (double)b[i]);
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}
