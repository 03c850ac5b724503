using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;
using ModelAudit.Models;

namespace ModelAudit.Pipelines;

/// <summary>
/// Reads an ML.NET pipeline ending in <c>ApplyOnnxModel</c>: follows the ONNX input column back through the image
/// transforms to the pipeline's input, and turns their settings into the <see cref="InputSpec"/> that reproduces them.
/// </summary>
internal static class PipelineReader
{
    public const string SupportedMlNet = "6.0";

    public static string MlNetVersion { get; } =
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static PipelineSteps Read(IEstimator<ITransformer> estimator) => Read(Transformers(estimator).ToArray());

    public static PipelineSteps Read(ITransformer pipeline) => Read(Flatten(pipeline).ToArray());

    private static PipelineSteps Read(ITransformer[] chain)
    {
        var onnxAt = Array.FindLastIndex(chain, t => t is OnnxTransformer);
        if (onnxAt < 0)
        {
            throw new PipelineException(
                $"The pipeline has no ApplyOnnxModel step ({Names(chain)}); ModelAudit audits the ONNX model a pipeline ends in. Append mlContext.Transforms.ApplyOnnxModel(...).");
        }

        var onnx = (OnnxTransformer)chain[onnxAt];
        var inputs = MlNetReflection.Get<string[]>(onnx, "Inputs");
        var outputs = MlNetReflection.Get<string[]>(onnx, "Outputs");
        if (inputs.Length != 1)
        {
            throw new PipelineException($"ApplyOnnxModel takes {inputs.Length} input columns ({string.Join(", ", inputs)}); ModelAudit audits models with one image input.");
        }

        var modelStream = MlNetReflection.Get<FileStream>(MlNetReflection.Member(onnx, "Model")!, "ModelStream");
        var ignored = chain.Skip(onnxAt + 1).Select(t => $"{Name(t)} (after the model)").ToList();

        // Back from the ONNX input to the pipeline's input column, one writer of the current column at a time.
        var path = new List<(int At, ITransformer Step)>();
        var column = inputs[0];
        for (var i = onnxAt - 1; i >= 0; i--)
        {
            var t = chain[i];
            var written = Writes(t);
            if (!written.TryGetValue(column, out var source))
            {
                ignored.Insert(0, $"{Name(t)} (other columns)");
                continue;
            }

            if (t is not (ImageLoadingTransformer or ImageResizingTransformer or ImageGrayscalingTransformer or ImagePixelExtractingTransformer))
            {
                throw new PipelineException(
                    $"Column '{column}' on the way to the ONNX model is written by {Name(t)}, which ModelAudit cannot mirror exactly: it reproduces " +
                    "LoadImages, ResizeImages, ConvertToGrayscale and ExtractPixels. Move other steps off the image's path, or build the spec by hand (InputSpec) and load the ONNX file.");
            }

            path.Insert(0, (i, t));
            column = source;
            if (t is ImageLoadingTransformer)
            {
                // ModelAudit feeds the paths itself: what made them is not on the pixels' way.
                ignored.InsertRange(0, chain.Take(i).Select(b => $"{Name(b)} (before LoadImages)"));
                break;
            }
        }

        var steps = path.Select(p => p.Step).ToArray();
        var spec = Spec(steps, path.Select(p => p.At).ToArray(), onnx, inputs[0]);
        var transforms = steps.Select(Describe).Append(
            $"ApplyOnnxModel('{inputs[0]}' -> {string.Join(", ", outputs.Select(o => $"'{o}'"))}, model '{Path.GetFileName(modelStream.Name)}')").ToArray();
        return new PipelineSteps([.. steps, onnx], transforms, ignored, column, steps.FirstOrDefault() is ImageLoadingTransformer, modelStream.Name, inputs[0], outputs[0], spec);
    }

    /// <summary>The spec the path's steps amount to; each setting with no exact counterpart is an error that names it.</summary>
    private static InputSpec Spec(ITransformer[] steps, int[] positions, OnnxTransformer onnx, string onnxInput)
    {
        var extract = steps.OfType<ImagePixelExtractingTransformer>().ToArray();
        if (extract.Length != 1 || steps[^1] is not ImagePixelExtractingTransformer)
        {
            throw new PipelineException(
                $"The ONNX input '{onnxInput}' is not made by ExtractPixels from an image ({(steps.Length == 0 ? "no image step feeds it" : string.Join(" -> ", steps.Select(Name)))}); " +
                "ModelAudit audits pipelines that feed the model ExtractPixels' output.");
        }

        var pixels = Column(extract[0], onnxInput);
        var colours = Get<ImagePixelExtractingEstimator.ColorBits>(pixels, "ColorsToExtract");
        var order = Get<ImagePixelExtractingEstimator.ColorsOrder>(pixels, "OrderOfExtraction");
        var offset = Get<float>(pixels, "OffsetImage");
        var scale = Get<float>(pixels, "ScaleImage");
        if (Get<bool>(pixels, "InterleavePixelColors"))
        {
            throw new PipelineException(
                "ExtractPixels(interleavePixelColors: true) lays the pixels out H·W·C (NHWC); ModelAudit feeds NCHW image tensors. " +
                "Audit the model with planar pixels (interleavePixelColors: false, the default) if it takes NCHW, or export an NCHW model.");
        }

        if (!Get<bool>(pixels, "OutputAsFloatArray"))
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
            throw new PipelineException($"The image passes {(gray > 1 ? "ConvertToGrayscale" : "ResizeImages")} twice ({string.Join(" -> ", steps.Select(Name))}); ModelAudit mirrors each once.");
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
        var column = Column(resizer, Input(steps[next]));
        var kind = Get<ImageResizingEstimator.ResizingKind>(column, "Resizing");
        var anchor = Get<ImageResizingEstimator.Anchor>(column, "Anchor");
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
        return (Get<int>(column, "ImageHeight"), Get<int>(column, "ImageWidth"), policy);
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

    /// <summary>The settings object of the column a transformer writes as <paramref name="output"/>.</summary>
    private static object Column(ITransformer t, string output) =>
        MlNetReflection.Items(t, "Columns").First(c => (string)MlNetReflection.Member(c, "Name")! == output);

    private static T Get<T>(object column, string name) => MlNetReflection.Get<T>(column, name);

    /// <summary>The column a step on the path reads (the one whose output the previous step's column is).</summary>
    private static string Input(ITransformer t) => t is OnnxTransformer o ? MlNetReflection.Get<string[]>(o, "Inputs")[0] : Pairs(t).Values.First();

    /// <summary>Output column → input column, for every column a transformer writes; an error when it cannot be told.</summary>
    private static Dictionary<string, string> Writes(ITransformer t)
    {
        if (t is OnnxTransformer onnx)
        {
            var input = MlNetReflection.Get<string[]>(onnx, "Inputs").FirstOrDefault() ?? "";
            return MlNetReflection.Get<string[]>(onnx, "Outputs").ToDictionary(o => o, _ => input, StringComparer.Ordinal);
        }

        return MlNetReflection.Has(t, "ColumnPairs")
            ? Pairs(t)
            : throw new PipelineException(
                $"ModelAudit cannot tell which columns {Name(t)} writes, so it cannot tell whether it changes the images on their way to the model. " +
                "Pass the pipeline from LoadImages (or the image column) to ApplyOnnxModel.");
    }

    private static Dictionary<string, string> Pairs(ITransformer t)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in MlNetReflection.Items(t, "ColumnPairs"))
        {
            var (output, input) = ((string, string))pair;
            pairs[output] = input;
        }

        return pairs;
    }

    private static string Describe(ITransformer t)
    {
        var i = CultureInfo.InvariantCulture;
        var (output, input) = Pairs(t).First();
        return t switch
        {
            ImageLoadingTransformer l => $"LoadImages('{input}' -> '{output}', folder '{l.ImageFolder}')",
            ImageResizingTransformer => string.Create(i, $"ResizeImages('{input}' -> '{output}', {Get<int>(Column(t, output), "ImageWidth")}x{Get<int>(Column(t, output), "ImageHeight")}, {Get<ImageResizingEstimator.ResizingKind>(Column(t, output), "Resizing")}, anchor {Get<ImageResizingEstimator.Anchor>(Column(t, output), "Anchor")})"),
            ImageGrayscalingTransformer => $"ConvertToGrayscale('{input}' -> '{output}')",
            _ => string.Create(i, $"ExtractPixels('{input}' -> '{output}', {Get<ImagePixelExtractingEstimator.ColorBits>(Column(t, output), "ColorsToExtract")}, {Get<ImagePixelExtractingEstimator.ColorsOrder>(Column(t, output), "OrderOfExtraction")}, planar, offset {Get<float>(Column(t, output), "OffsetImage"):G7}, scale {Get<float>(Column(t, output), "ScaleImage"):G7})"),
        };
    }

    private static int Count(ImagePixelExtractingEstimator.ColorBits colours) => System.Numerics.BitOperations.PopCount((uint)colours);

    private static string Name(ITransformer t) => t.GetType().Name.Split('`')[0];

    private static string Names(IEnumerable<ITransformer> chain) => string.Join(" -> ", chain.Select(Name));

    private static IEnumerable<ITransformer> Flatten(ITransformer t) => t is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [t];

    /// <summary>An estimator chain's transformers: every step is trivial (nothing to learn), so each already holds its transformer.</summary>
    private static IEnumerable<ITransformer> Transformers(IEstimator<ITransformer> estimator)
    {
        if (MlNetReflection.DerivesFrom(estimator.GetType(), "EstimatorChain`1"))
        {
            return MlNetReflection.Items(estimator, "_estimators").SelectMany(e => Transformers((IEstimator<ITransformer>)e));
        }

        if (MlNetReflection.DerivesFrom(estimator.GetType(), "TrivialEstimator`1"))
        {
            return Flatten((ITransformer)MlNetReflection.Member(estimator, "Transformer")!);
        }

        throw new PipelineException(
            $"{estimator.GetType().Name.Split('`')[0]} must be trained before it transforms anything; fit the pipeline on your data (pipeline.Fit(data)) and pass the fitted ITransformer.");
    }
}

/// <summary>What <see cref="PipelineReader"/> found: the steps to score through, their descriptions, the columns and the derived spec.</summary>
internal sealed record PipelineSteps(
    ITransformer[] Path,
    IReadOnlyList<string> Transforms,
    IReadOnlyList<string> Ignored,
    string ImageColumn,
    bool TakesPaths,
    string ModelFile,
    string OnnxInput,
    string OnnxOutput,
    InputSpec Spec);
