using Microsoft.ML;
using Microsoft.ML.Data;
using static Microsoft.ML.Transforms.Image.ImageResizingEstimator;

namespace ShapesServiceAudit;

/// <summary>
/// The team's scoring service as it runs in production: ML.NET loads each uploaded picture, crops it to the model's
/// 64×64 around its centre, scales the pixels to [−1, 1] and runs the ONNX classifier. Nothing here knows ModelAudit.
/// </summary>
public static class ShapesService
{
    public static readonly string[] Classes = ["circle", "square", "triangle", "cross"];

    public static IEstimator<ITransformer> Pipeline(MLContext ml, string imageFolder, string modelPath) =>
        ml.Transforms.LoadImages("picture", imageFolder, inputColumnName: nameof(Upload.ImagePath))
            .Append(ml.Transforms.ResizeImages("picture", imageWidth: 64, imageHeight: 64, resizing: ResizingKind.IsoCrop, cropAnchor: Anchor.Center))
            .Append(ml.Transforms.ExtractPixels("image", "picture", offsetImage: 127.5f, scaleImage: 1f / 127.5f))
            .Append(ml.Transforms.ApplyOnnxModel(
                outputColumnNames: ["logits"], inputColumnNames: ["image"], modelFile: modelPath,
                shapeDictionary: null, gpuDeviceId: null, fallbackToCpu: false));

    /// <summary>What the service predicts for one upload.</summary>
    public static string Classify(PredictionEngine<Upload, Scores> engine, string imagePath)
    {
        var logits = engine.Predict(new Upload { ImagePath = imagePath }).Logits;
        return Classes[Array.IndexOf(logits, logits.Max())];
    }
}

/// <summary>One upload: a picture on disk, relative to the service's image folder.</summary>
public sealed class Upload
{
    public string ImagePath { get; set; } = "";
}

public sealed class Scores
{
    [ColumnName("logits")]
    public float[] Logits { get; set; } = [];
}
