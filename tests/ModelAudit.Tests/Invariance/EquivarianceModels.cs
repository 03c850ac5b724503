using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Invariance;

/// <summary>Dense models on a 16×16 grey input whose maps can be worked out by hand, and images for them.</summary>
internal static class EquivarianceModels
{
    public const int Size = 16;

    /// <summary>Pixel values 0..255 in, as they are: a map's numbers read as grey levels.</summary>
    public static readonly InputSpec Spec = InputSpec.FromScaleOffset(Size, Size, ChannelOrder.Gray, [1f], [0f]);

    /// <summary>
    /// <c>conv = [2x − 100, 200 − x]</c> pixel by pixel (a 1×1 conv), <c>out = Relu(conv)</c>: exactly equivariant to
    /// any permutation of pixels, so to integer shifts and quarter turns.
    /// </summary>
    public static AuditModel Pointwise() => AuditModel.Load(new TinyOnnx()
        .Input("x", -1, 1, Size, Size)
        .Weight("w", [2, -1], 2, 1, 1, 1)
        .Weight("b", [-100, 200], 2)
        .Node("Conv", ["x", "w", "b"], ["conv"], TinyOnnx.Ints("kernel_shape", 1, 1))
        .Node("Relu", ["conv"], ["out"])
        .Output("out", -1, 2, Size, Size)
        .Build(), "pointwise.onnx", Spec);

    /// <summary><c>out[y, x] = pixel[y, x] · (x + 1)</c>: a fixed position ramp, so the map cannot move with the input.</summary>
    public static AuditModel Ramp() => AuditModel.Load(new TinyOnnx()
        .Input("x", -1, 1, Size, Size)
        .Weight("ramp", Enumerable.Range(0, Size * Size).Select(i => (float)((i % Size) + 1)).ToArray(), 1, 1, Size, Size)
        .Node("Mul", ["x", "ramp"], ["out"])
        .Output("out", -1, 1, Size, Size)
        .Build(), "ramp.onnx", Spec);

    /// <summary><c>out[v, u] = pixel[2v, 2u]</c>: a 1×1 conv at stride 2, 8×8 out.</summary>
    public static AuditModel StrideTwo() => AuditModel.Load(new TinyOnnx()
        .Input("x", -1, 1, Size, Size)
        .Weight("w", [1], 1, 1, 1, 1)
        .Node("Conv", ["x", "w"], ["out"], TinyOnnx.Ints("kernel_shape", 1, 1), TinyOnnx.Ints("strides", 2, 2))
        .Output("out", -1, 1, Size / 2, Size / 2)
        .Build(), "stride-two.onnx", Spec);

    /// <summary>
    /// A 3×3 box blur with zero padding (<c>blur</c>, 16×16), then a 1×1 conv at stride 2 (<c>out</c>, 8×8): a
    /// segmenter in miniature, whose zero padding disturbs a one-pixel band at every border.
    /// </summary>
    public static AuditModel BlurThenStride() => AuditModel.Load(new TinyOnnx()
        .Input("x", -1, 1, Size, Size)
        .Weight("box", Enumerable.Repeat(1f / 9, 9).ToArray(), 1, 1, 3, 3)
        .Node("Conv", ["x", "box"], ["blur"], TinyOnnx.Ints("kernel_shape", 3, 3), TinyOnnx.Ints("pads", 1, 1, 1, 1))
        .Weight("w", [1], 1, 1, 1, 1)
        .Node("Conv", ["blur", "w"], ["out"], TinyOnnx.Ints("kernel_shape", 1, 1), TinyOnnx.Ints("strides", 2, 2))
        .Output("out", -1, 1, Size / 2, Size / 2)
        .Build(), "blur-stride.onnx", Spec);

    /// <summary>A smooth grey texture of a few seeded waves, so every shift changes every pixel.</summary>
    public static RgbImage Texture(int seed)
    {
        var random = new Random(seed);
        var waves = Enumerable.Range(0, 3).Select(_ => (Fx: random.NextDouble() * 0.5, Fy: random.NextDouble() * 0.5, Phase: random.NextDouble() * 2 * Math.PI)).ToArray();
        return RgbImage.Create(Size, Size, (x, y) =>
        {
            var v = 128 + waves.Sum(w => 40 * Math.Sin((2 * Math.PI * ((w.Fx * x) + (w.Fy * y))) + w.Phase));
            var grey = (byte)Math.Clamp(Math.Round(v), 0, 255);
            return new Rgb(grey, grey, grey);
        });
    }

    public static IReadOnlyList<RgbImage> Textures(int count) => Enumerable.Range(1, count).Select(Texture).ToArray();

    /// <summary>Columns of one grey level each: <paramref name="column"/> gives the level of column x, every row the same.</summary>
    public static RgbImage Columns(Func<int, int> column) => RgbImage.Create(Size, Size, (x, _) =>
    {
        var grey = (byte)column(x);
        return new Rgb(grey, grey, grey);
    });
}
