using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>
/// A classifier made of the padding cases incremental occlusion must reproduce when it crops, 3×37×37 in: a dilated
/// conv with uneven pads, a max pool with ceil_mode, a SAME_UPPER conv, an average pool that counts its padding, two
/// branches joined by a channel Concat, then a global max pool and a 4-class Gemm.
/// </summary>
internal static class PaddingTinyModel
{
    public static readonly InputSpec Spec = InputSpec.FromMeanStd(37, 37, ChannelOrder.Rgb, [0.5f], [0.25f]);

    private static readonly Lazy<AuditModel> LazyModel = new(() => AuditModel.Load(Build(), "padding-tiny.onnx", Spec));

    public static AuditModel Model => LazyModel.Value;

    private static byte[] Build()
    {
        var random = new Random(11);
        float[] Values(int count, double scale) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * 2 * scale)).ToArray();
        var onnx = new TinyOnnx().Input("image", -1, 3, 37, 37);
        TinyOnnx Weights(string name, int cout, int cin, int k) => onnx
            .Weight(name + ".w", Values(cout * cin * k * k, 1.5 / Math.Sqrt(cin * k * k)), cout, cin, k, k)
            .Weight(name + ".b", Values(cout, 0.1), cout);

        Weights("dilated", 6, 3, 3).Node("Conv", ["image", "dilated.w", "dilated.b"], ["dilated"],
            TinyOnnx.Ints("dilations", 2, 2), TinyOnnx.Ints("strides", 2, 1), TinyOnnx.Ints("pads", 1, 3, 2, 0));
        onnx.Node("Relu", ["dilated"], ["dilated.relu"])
            .Node("MaxPool", ["dilated.relu"], ["ceil"], TinyOnnx.Ints("kernel_shape", 3, 2), TinyOnnx.Ints("strides", 2, 2), TinyOnnx.Int("ceil_mode", 1));
        Weights("same", 6, 6, 4).Node("Conv", ["ceil", "same.w", "same.b"], ["same"], TinyOnnx.String("auto_pad", "SAME_UPPER"));
        onnx.Node("Tanh", ["same"], ["same.tanh"])
            .Node("AveragePool", ["ceil"], ["avg"], TinyOnnx.Ints("kernel_shape", 3, 3), TinyOnnx.Ints("pads", 1, 1, 1, 1), TinyOnnx.Int("count_include_pad", 1))
            .Node("Concat", ["same.tanh", "avg"], ["joined"], TinyOnnx.Int("axis", 1));
        Weights("mix", 8, 12, 3).Node("Conv", ["joined", "mix.w", "mix.b"], ["mix"], TinyOnnx.Ints("pads", 1, 1, 1, 1));
        onnx.Node("Relu", ["mix"], ["mix.relu"])
            .Node("GlobalMaxPool", ["mix.relu"], ["gmp"])
            .Node("Flatten", ["gmp"], ["flat"], TinyOnnx.Int("axis", 1))
            .Weight("fc.w", Values(4 * 8, 1.0), 4, 8)
            .Weight("fc.b", Values(4, 0.1), 4)
            .Node("Gemm", ["flat", "fc.w", "fc.b"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 4);
        return onnx.Build();
    }
}
