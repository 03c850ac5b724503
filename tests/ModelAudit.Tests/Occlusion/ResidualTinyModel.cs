using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>
/// A small ResNet-shaped classifier with seeded random weights, 3×40×40 in: a stride-2 stem conv and max pool, a basic
/// residual block, a downsampling block with a strided 1×1 shortcut, global average pool and a 5-class Gemm.
/// Sizes are odd on purpose (40 → 20 → 10 → 5) so that strided layers meet the far edge unevenly.
/// </summary>
internal static class ResidualTinyModel
{
    public static readonly InputSpec Spec = InputSpec.FromMeanStd(40, 40, ChannelOrder.Rgb, [0.5f], [0.25f]);

    private static readonly Lazy<AuditModel> LazyModel = new(() => AuditModel.Load(Build(), "residual-tiny.onnx", Spec));

    public static AuditModel Model => LazyModel.Value;

    private static byte[] Build()
    {
        var random = new Random(7);
        float[] Values(int count, double scale) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * 2 * scale)).ToArray();
        var onnx = new TinyOnnx().Input("image", -1, 3, 40, 40);
        void Conv(string input, string output, int cin, int cout, int k, int stride)
        {
            onnx.Weight(output + ".w", Values(cout * cin * k * k, 1.5 / Math.Sqrt(cin * k * k)), cout, cin, k, k)
                .Weight(output + ".b", Values(cout, 0.1), cout)
                .Node("Conv", [input, output + ".w", output + ".b"], [output], TinyOnnx.Ints("kernel_shape", k, k), TinyOnnx.Ints("strides", stride, stride),
                    TinyOnnx.Ints("pads", k / 2, k / 2, k / 2, k / 2));
        }

        Conv("image", "stem", 3, 8, 5, 2);
        onnx.Node("Relu", ["stem"], ["stem.relu"])
            .Node("MaxPool", ["stem.relu"], ["pool"], TinyOnnx.Ints("kernel_shape", 3, 3), TinyOnnx.Ints("strides", 2, 2), TinyOnnx.Ints("pads", 1, 1, 1, 1));
        Conv("pool", "b1.c1", 8, 8, 3, 1);
        onnx.Node("Relu", ["b1.c1"], ["b1.r1"]);
        Conv("b1.r1", "b1.c2", 8, 8, 3, 1);
        onnx.Node("Add", ["b1.c2", "pool"], ["b1.add"]).Node("Relu", ["b1.add"], ["b1.out"]);
        Conv("b1.out", "b2.c1", 8, 16, 3, 2);
        onnx.Node("Relu", ["b2.c1"], ["b2.r1"]);
        Conv("b2.r1", "b2.c2", 16, 16, 3, 1);
        Conv("b1.out", "b2.down", 8, 16, 1, 2);
        onnx.Node("Add", ["b2.c2", "b2.down"], ["b2.add"]).Node("Relu", ["b2.add"], ["b2.out"])
            .Node("GlobalAveragePool", ["b2.out"], ["gap"])
            .Node("Flatten", ["gap"], ["flat"], TinyOnnx.Int("axis", 1))
            .Weight("fc.w", Values(5 * 16, 1.0), 5, 16)
            .Weight("fc.b", Values(5, 0.1), 5)
            .Node("Gemm", ["flat", "fc.w", "fc.b"], ["logits"], TinyOnnx.Int("transB", 1))
            .Output("logits", -1, 5);
        return onnx.Build();
    }
}
