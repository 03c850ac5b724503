using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>
/// A one-output model over a gray image with pixel values in 0..1: score = the mean of the pixels inside
/// <c>region</c>, nothing else. Read through <see cref="Score"/> (a custom target on the raw output), its deletion and
/// insertion curves can be written down by hand.
/// </summary>
internal static class RegionModel
{
    public static readonly CustomTarget Score = new("region mean", o => o.Values[0]);

    public static AuditModel Create(int size, PixelBox region)
    {
        var weights = Weights(size, region);
        var bytes = new TinyOnnx()
            .Input("x", -1, 1, size, size)
            .Weight("w", weights, 1, size * size)
            .Weight("b", [0], 1)
            .Node("Flatten", ["x"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w", "b"], ["score"], TinyOnnx.Int("transB", 1))
            .Output("score", -1, 1)
            .Build();
        var spec = InputSpec.FromScaleOffset(size, size, ChannelOrder.Gray, [1f / 255], [0f]);
        return AuditModel.Load(bytes, $"region-mean-{size}.onnx", spec, new EngineOptions { BatchSize = 16 });
    }

    /// <summary>1/|region| inside the region, 0 elsewhere, row-major.</summary>
    public static float[] Weights(int size, PixelBox region)
    {
        var weights = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                weights[(y * size) + x] = region.Contains(x, y) ? 1f / (region.Width * region.Height) : 0;
            }
        }

        return weights;
    }

    /// <summary>A gray image whose level rises along x and y, so every pixel contributes differently.</summary>
    public static RgbImage Ramp(int size) => RgbImage.Create(size, size, (x, y) =>
    {
        var v = (byte)(40 + (12 * x) + (5 * y));
        return new Rgb(v, v, v);
    });

    /// <summary>The map gradient × input: each pixel's exact share of the score.</summary>
    public static AttributionMap Exact(RgbImage image, PixelBox region)
    {
        var weights = Weights(image.Width, region);
        var values = weights.Select((w, p) => w * image[p % image.Width, p / image.Width].R / 255f).ToArray();
        return new AttributionMap("exact", image, "region mean", values);
    }
}
