using Microsoft.ML;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;
using ModelAudit.Models;

namespace ModelAudit.Pipelines;

/// <summary>The <see cref="InputSpec"/> an ML.NET pipeline's image steps amount to; each setting without an exact counterpart is an error that names it.</summary>
internal static class PipelineSpec
{
    /// <summary>The spec of the steps from the image column to ExtractPixels (<paramref name="positions"/>: their places in the chain).</summary>
    public static InputSpec Derive(ITransformer[] steps, int[] positions, OnnxTransformer onnx, string onnxInput)
    {
        var extract = steps.OfType<ImagePixelExtractingTransformer>().ToArray();
        if (extract.Length != 1 || steps[^1] is not ImagePixelExtractingTransformer)
        {
            throw new PipelineException(
                $"The ONNX input '{onnxInput}' is not made by ExtractPixels from an image ({(steps.Length == 0 ? "no image step feeds it" : string.Join(" -> ", steps.Select(PipelineReader.Name)))}); " +
                "ModelAudit audits pipelines that feed the model ExtractPixels' output.");
        }

        var pixels = PipelineReader.Column(extract[0], onnxInput);
        var colours = PipelineReader.Get<ImagePixelExtractingEstimator.ColorBits>(pixels, "ColorsToExtract");
        var order = PipelineReader.Get<ImagePixelExtractingEstimator.ColorsOrder>(pixels, "OrderOfExtraction");
        var offset = PipelineReader.Get<float>(pixels, "OffsetImage");
        var scale = PipelineReader.Get<float>(pixels, "ScaleImage");
        if (PipelineReader.Get<bool>(pixels, "InterleavePixelColors"))
        {
            throw new PipelineException(
                "ExtractPixels(interleavePixelColors: true) lays the pixels out H·W·C (NHWC); ModelAudit feeds NCHW image tensors. " +
                "Audit the model with planar pixels (interleavePixelColors: false, the default) if it takes NCHW, or export an NCHW model.");
        }

        if (!PipelineReader.Get<bool>(pixels, "OutputAsFloatArray"))
        {
            throw new PipelineException("ExtractPixels(outputAsFloatArray: false) feeds the model bytes; ModelAudit audits models with a float image input.");
        }

        if ((colours & ImagePixelExtractingEstimator.ColorBits.Alpha) != 0)
        {
            throw new PipelineException($"ExtractPixels extracts alpha ({colours}); ModelAudit's images have no alpha channel. Extract ColorBits.Rgb.");
        }

        var gray = steps.OfType<ImageGrayscalingTransformer>().Count();
        var resizes = steps.OfType<ImageResizingTransformer>().ToArray();
        if (gray > 1 || resizes.Length > 1)
        {
            throw new PipelineException($"The image passes {(gray > 1 ? "ConvertToGrayscale" : "ResizeImages")} twice ({string.Join(" -> ", steps.Select(PipelineReader.Name))}); ModelAudit mirrors each once.");
        }

        ChannelOrder channels;
        if (gray == 1)
        {
            if (colours is not (ImagePixelExtractingEstimator.ColorBits.Red or ImagePixelExtractingEstimator.ColorBits.Green or ImagePixelExtractingEstimator.ColorBits.Blue))
            {
                throw new PipelineException(
                    $"ConvertToGrayscale then ExtractPixels({colours}) feeds {Count(colours)} equal grey channels; ModelAudit mirrors one grey channel. Extract one colour (ColorBits.Red) for a one-channel model.");
            }

            channels = ChannelOrder.Gray;
        }
        else
        {
            channels = colours != ImagePixelExtractingEstimator.ColorBits.Rgb
                ? throw new PipelineException($"ExtractPixels extracts {colours} without ConvertToGrayscale; ModelAudit mirrors three colours (RGB or BGR) or one grey channel.")
                : order switch
                {
                    ImagePixelExtractingEstimator.ColorsOrder.ARGB => ChannelOrder.Rgb,
                    ImagePixelExtractingEstimator.ColorsOrder.ABGR => ChannelOrder.Bgr,
                    _ => throw new PipelineException($"ExtractPixels orders the colours {order}; ModelAudit mirrors ARGB (RGB planes) and ABGR (BGR planes)."),
                };
        }

        var (height, width, resize) = resizes.Length == 1 ? Size(resizes[0], steps) : SizeFromModel(onnx, onnxInput);
        var count = channels == ChannelOrder.Gray ? 1 : 3;
        var grayAt = Array.FindIndex(steps, s => s is ImageGrayscalingTransformer);
        var resizeAt = Array.FindIndex(steps, s => s is ImageResizingTransformer);
        return InputSpec.FromScaleOffset(height, width, channels, Enumerable.Repeat(scale, count).ToArray(), Enumerable.Repeat(-offset * scale, count).ToArray()) with
        {
            Resize = resize,
            Resampling = Resampling.MLNet,
            GrayscaleBeforeResize = grayAt >= 0 && resizeAt >= 0 && positions[grayAt] < positions[resizeAt],
        };
    }

    private static (int Height, int Width, ResizePolicy Resize) Size(ImageResizingTransformer resizer, ITransformer[] steps)
    {
        var next = Array.IndexOf(steps, resizer) + 1;
        var column = PipelineReader.Column(resizer, PipelineReader.Input(steps[next]));
        var kind = PipelineReader.Get<ImageResizingEstimator.ResizingKind>(column, "Resizing");
        var anchor = PipelineReader.Get<ImageResizingEstimator.Anchor>(column, "Anchor");
        var policy = kind switch
        {
            ImageResizingEstimator.ResizingKind.Fill => ResizePolicy.Stretch,
            ImageResizingEstimator.ResizingKind.IsoPad => ResizePolicy.Letterbox,
            _ => anchor switch
            {
                ImageResizingEstimator.Anchor.Top => ResizePolicy.CropTop,
                ImageResizingEstimator.Anchor.Bottom => ResizePolicy.CropBottom,
                ImageResizingEstimator.Anchor.Left => ResizePolicy.CropLeft,
                ImageResizingEstimator.Anchor.Right => ResizePolicy.CropRight,
                _ => ResizePolicy.CropCenter,
            },
        };
        return (PipelineReader.Get<int>(column, "ImageHeight"), PipelineReader.Get<int>(column, "ImageWidth"), policy);
    }

    /// <summary>Without ResizeImages the images must already have the model's size, which the ONNX input must then fix.</summary>
    private static (int Height, int Width, ResizePolicy Resize) SizeFromModel(OnnxTransformer onnx, string input)
    {
        var info = MlNetReflection.Member(MlNetReflection.Member(onnx, "Model")!, "ModelInfo")!;
        var shape = ((IEnumerable<int>)MlNetReflection.Member(info.GetType().GetMethod("GetInput")!.Invoke(info, [input])!, "Shape")!).ToArray();
        var custom = MlNetReflection.Member(MlNetReflection.Member(onnx, "_options")!, "CustomShapeInfos") as Array;
        foreach (var item in custom?.Cast<object>() ?? [])
        {
            if ((string)MlNetReflection.Member(item, "Name")! == input)
            {
                shape = (int[])MlNetReflection.Member(item, "Shape")!;
            }
        }

        return shape is [_, _, > 0 and var h, > 0 and var w]
            ? (h, w, ResizePolicy.Stretch)
            : throw new PipelineException(
                $"The pipeline has no ResizeImages and the ONNX input '{input}' has no fixed size ([{string.Join(",", shape)}]); add ResizeImages, or give ApplyOnnxModel a shapeDictionary.");
    }

    private static int Count(ImagePixelExtractingEstimator.ColorBits colours) => System.Numerics.BitOperations.PopCount((uint)colours);
}
