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
        var spec = PipelineSpec.Derive(steps, path.Select(p => p.At).ToArray(), onnx, inputs[0]);
        var transforms = steps.Select(Describe).Append(
            $"ApplyOnnxModel('{inputs[0]}' -> {string.Join(", ", outputs.Select(o => $"'{o}'"))}, model '{Path.GetFileName(modelStream.Name)}')").ToArray();
        return new PipelineSteps([.. steps, onnx], transforms, ignored, column, steps.FirstOrDefault() is ImageLoadingTransformer, modelStream.Name, inputs[0], outputs[0], spec);
    }

    /// <summary>The settings object of the column a transformer writes as <paramref name="output"/>.</summary>
    internal static object Column(ITransformer t, string output) =>
        MlNetReflection.Items(t, "Columns").First(c => (string)MlNetReflection.Member(c, "Name")! == output);

    internal static T Get<T>(object column, string name) => MlNetReflection.Get<T>(column, name);

    /// <summary>The column a step on the path reads (the one whose output the previous step's column is).</summary>
    internal static string Input(ITransformer t) => t is OnnxTransformer o ? MlNetReflection.Get<string[]>(o, "Inputs")[0] : Pairs(t).Values.First();

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

    internal static string Name(ITransformer t) => t.GetType().Name.Split('`')[0];

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
