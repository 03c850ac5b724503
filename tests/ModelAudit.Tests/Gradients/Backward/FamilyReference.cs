using System.Buffers.Binary;
using System.Text.Json;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>One <c>fixtures/families/{name}.gradients.json</c>, written by <c>make_families.py</c>.</summary>
internal sealed record FamilyReference(
    string Name,
    string OnnxSha256,
    string Versions,
    InputSpec Spec,
    int[] OutputShape,
    PixelBox? Box,
    int GradientStride,
    IReadOnlyList<FamilySample> Samples)
{
    public bool IsSegmenter => Box is not null;

    public static FamilyReference Load(string name)
    {
        var root = JsonDocument.Parse(File.ReadAllText(Repo.Path("fixtures", "families", name + ".gradients.json"))).RootElement;
        var input = root.GetProperty("input");
        var shape = Ints(input.GetProperty("shape"));
        var spec = InputSpec.FromMeanStd(shape[1], shape[2], ChannelOrder.Rgb, Floats(input.GetProperty("mean")), Floats(input.GetProperty("std")));
        var target = root.GetProperty("target");
        PixelBox? box = target.GetProperty("kind").GetString() == "box_mean" && target.GetProperty("box") is var b
            ? new PixelBox(b.GetProperty("x").GetInt32(), b.GetProperty("y").GetInt32(), b.GetProperty("width").GetInt32(), b.GetProperty("height").GetInt32())
            : null;
        var samples = root.GetProperty("samples").EnumerateArray().Select(s => new FamilySample(
            Image(s.GetProperty("pixels").GetBytesFromBase64(), spec),
            s.GetProperty(box is null ? "class" : "channel").GetInt32(),
            s.GetProperty("value").GetDouble(),
            s.GetProperty("output_max_abs").GetDouble(),
            LittleEndianFloats(s.GetProperty("gradient").GetBytesFromBase64()),
            s.GetProperty("gradient_max_abs").GetDouble())).ToArray();
        return new FamilyReference(
            root.GetProperty("family").GetString()!,
            root.GetProperty("onnx_sha256").GetString()!,
            $"torch {root.GetProperty("torch").GetString()}, torchvision {root.GetProperty("torchvision").GetString()}",
            spec,
            Ints(root.GetProperty("output").GetProperty("shape")),
            box,
            root.GetProperty("gradient_stride").GetInt32(),
            samples);
    }

    /// <summary>
    /// The per-sample seed that makes the engine's Σ seed·target the reference's target: a one-hot logit, or
    /// 1/area over the box in one output channel (the box mean).
    /// </summary>
    public float[] Seed(FamilySample sample)
    {
        var seed = new float[OutputShape.Aggregate(1, (a, b) => a * b)];
        if (Box is not { } box)
        {
            seed[sample.Pick] = 1f;
            return seed;
        }

        var (height, width) = (OutputShape[1], OutputShape[2]);
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                seed[(((sample.Pick * height) + y) * width) + x] = 1f / box.Area;
            }
        }

        return seed;
    }

    private static RgbImage Image(byte[] chw, InputSpec spec)
    {
        var plane = spec.Height * spec.Width;
        var hwc = new byte[chw.Length];
        for (var c = 0; c < 3; c++)
        {
            for (var p = 0; p < plane; p++)
            {
                hwc[(p * 3) + c] = chw[(c * plane) + p];
            }
        }

        return RgbImage.FromPixels(spec.Width, spec.Height, hwc);
    }

    private static float[] LittleEndianFloats(byte[] bytes)
    {
        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return values;
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();
}
