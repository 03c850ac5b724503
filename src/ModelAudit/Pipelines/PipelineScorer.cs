using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using ModelAudit.Imaging;

using ModelAudit.Models;

namespace ModelAudit.Pipelines;

/// <summary>
/// Scores images through the user's own transformers, from the image column to the ONNX output: as PNG files when the
/// pipeline starts with LoadImages (its input is a path), else as <see cref="MLImage"/>s. Steps off the image's path
/// are left out, so columns the service needs for other reasons (labels, ids) need not be made up.
/// </summary>
internal sealed class PipelineScorer(MLContext context, PipelineSteps steps)
{
    public PipelineSteps Steps { get; } = steps;

    /// <summary>The ONNX output's values, per image, as the pipeline computes them.</summary>
    public IReadOnlyList<float[]> Score(IReadOnlyList<RgbImage> images)
    {
        if (Steps.TakesPaths)
        {
            return ScorePaths(images);
        }

        // An MLImage column has one declared size: one pass per size.
        var scores = new float[images.Count][];
        foreach (var group in Enumerable.Range(0, images.Count).GroupBy(i => (images[i].Width, images[i].Height)))
        {
            var indices = group.ToArray();
            var scored = ScoreImages(indices.Select(i => images[i]).ToArray(), group.Key.Width, group.Key.Height);
            for (var k = 0; k < indices.Length; k++)
            {
                scores[indices[k]] = scored[k];
            }
        }

        return scores;
    }

    private float[][] ScorePaths(IReadOnlyList<RgbImage> images)
    {
        var folder = Directory.CreateTempSubdirectory("modelaudit-pipeline-");
        try
        {
            var rows = images.Select((image, i) =>
            {
                var path = Path.Combine(folder.FullName, $"{i:D4}.png");
                ImageCodec.SavePng(image, path);
                return new PathRow { Value = path };
            }).ToArray();
            var schema = SchemaDefinition.Create(typeof(PathRow));
            schema[0].ColumnName = Steps.ImageColumn;
            return Transform(context.Data.LoadFromEnumerable(rows, schema));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private float[][] ScoreImages(RgbImage[] images, int width, int height)
    {
        var mlImages = images.Select(ToMlImage).ToArray();
        try
        {
            var type = new ImageTypeAttribute(height, width);
            type.Register();
            var schema = SchemaDefinition.Create(typeof(ImageRow));
            schema[0].ColumnName = Steps.ImageColumn;
            schema[0].ColumnType = new ImageDataViewType(height, width);
            return Transform(context.Data.LoadFromEnumerable(mlImages.Select(m => new ImageRow { Value = m }), schema));
        }
        finally
        {
            Array.ForEach(mlImages, m => m.Dispose());
        }
    }

    private float[][] Transform(IDataView data)
    {
        // Not disposed: the transformers are the caller's.
        var scored = new TransformerChain<ITransformer>(Steps.Path).Transform(data);
        return scored.GetColumn<VBuffer<float>>(Steps.OnnxOutput).Select(v => v.DenseValues().ToArray()).ToArray();
    }

    private static MLImage ToMlImage(RgbImage image) =>
        MLImage.CreateFromPixels(image.Width, image.Height, MLPixelFormat.Bgra32, MlNetImaging.Bgra(image));

    private sealed class PathRow
    {
        public string Value { get; set; } = "";
    }

    private sealed class ImageRow
    {
        // A placeholder size: the schema above sets the column's type.
        [ImageType(1, 1)]
        public MLImage? Value { get; set; }
    }
}
