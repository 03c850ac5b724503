using Microsoft.ML;
using Microsoft.ML.Transforms.Image;
using ModelAudit.Datasets;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.TestSupport;

/// <summary>ML.NET pipelines as a .NET service writes them, over the fixture models.</summary>
internal static class MlNetPipelines
{
    public static string ShapesModel => Repo.Path("fixtures", "models", "shapes-clean.onnx");

    /// <summary>The shapes classifier's service: a path column, 64×64, (p − 127.5) / 127.5 in RGB.</summary>
    public static IEstimator<ITransformer> Shapes(
        MLContext ml,
        ImageResizingEstimator.ResizingKind resizing = ImageResizingEstimator.ResizingKind.IsoCrop,
        ImageResizingEstimator.Anchor anchor = ImageResizingEstimator.Anchor.Center) =>
        ml.Transforms.LoadImages("picture", imageFolder: null, inputColumnName: "ImagePath")
            .Append(ml.Transforms.ResizeImages("picture", 64, 64, inputColumnName: "picture", resizing: resizing, cropAnchor: anchor))
            .Append(ml.Transforms.ExtractPixels("image", "picture", offsetImage: 127.5f, scaleImage: 1f / 127.5f))
            .Append(OnnxStep(ml, ShapesModel, "image", "logits"));

    public static IEstimator<ITransformer> OnnxStep(MLContext ml, string model, string input, string output, int[]? shape = null) =>
        ml.Transforms.ApplyOnnxModel(
            outputColumnNames: [output], inputColumnNames: [input], modelFile: model,
            shapeDictionary: shape is null ? null : new Dictionary<string, int[]> { [input] = shape },
            gpuDeviceId: null, fallbackToCpu: false);

    /// <summary>Held-out shapes at twelve sizes: the input's, wider, taller, smaller, larger, odd.</summary>
    public static IReadOnlyList<RgbImage> ShapesAtManySizes()
    {
        (int W, int H)[] sizes = [(64, 64), (96, 64), (64, 96), (80, 80), (40, 40), (128, 72), (50, 70), (200, 100), (33, 64), (64, 33), (100, 101), (65, 64)];
        var samples = ShapeDataset.Generate(1000, sizes.Length);
        return samples.Select((s, i) => ImageOps.Resize(s.Image, sizes[i].W, sizes[i].H)).ToArray();
    }

    /// <summary>The ONNX file of a test model, written once to a temporary folder (ML.NET reads models from files).</summary>
    public static string File(string name, byte[] onnx)
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelaudit-tests-{Environment.ProcessId}-{name}.onnx");
        if (!System.IO.File.Exists(path))
        {
            System.IO.File.WriteAllBytes(path, onnx);
        }

        return path;
    }
}
