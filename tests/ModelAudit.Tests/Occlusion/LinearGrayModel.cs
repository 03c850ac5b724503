using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>
/// A two-class model over an H×W gray image with pixel values in 0..1: logits = [w·x, 0], then Softmax. So
/// P(class 0) = σ(w·x), which a test can compute on its own.
/// </summary>
internal static class LinearGrayModel
{
    public static AuditModel Create(int height, int width, float[] weights, int batchSize = 16)
    {
        var bytes = new TinyOnnx()
            .Input("x", -1, 1, height, width)
            .Weight("w", [.. weights, .. new float[weights.Length]], 2, height * width)
            .Weight("b", [0, 0], 2)
            .Node("Flatten", ["x"], ["flat"], TinyOnnx.Int("axis", 1))
            .Node("Gemm", ["flat", "w", "b"], ["logits"], TinyOnnx.Int("transB", 1))
            .Node("Softmax", ["logits"], ["prob"], TinyOnnx.Int("axis", 1))
            .Output("prob", -1, 2)
            .Build();
        var spec = InputSpec.FromScaleOffset(height, width, ChannelOrder.Gray, [1f / 255], [0f]);
        return AuditModel.Load(bytes, $"linear-gray-{height}x{width}.onnx", spec, new EngineOptions { BatchSize = batchSize });
    }

    /// <summary>P(class 0) worked out directly: σ(Σ w·gray/255), with the gray level of a gray pixel being the level itself.</summary>
    public static double Probability(RgbImage image, float[] weights)
    {
        double z = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var c = image[x, y];
                var gray = (0.299 * c.R) + (0.587 * c.G) + (0.114 * c.B);
                z += weights[(y * image.Width) + x] * gray / 255;
            }
        }

        return 1 / (1 + Math.Exp(-z));
    }
}
