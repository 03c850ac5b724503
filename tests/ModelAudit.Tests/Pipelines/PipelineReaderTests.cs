using Microsoft.ML;
using Microsoft.ML.Transforms.Image;
using ModelAudit.Models;
using ModelAudit.Pipelines;
using ModelAudit.Tests.TestSupport;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace ModelAudit.Tests.Pipelines;

/// <summary>What ModelAudit cannot mirror exactly it names, with what to change; what is off the image's path it leaves alone.</summary>
public sealed class PipelineReaderTests
{
    private static readonly MLContext Ml = new(seed: 0);

    private static IEstimator<ITransformer> Load() =>
        Ml.Transforms.LoadImages("picture", imageFolder: null, inputColumnName: "ImagePath")
            .Append(Ml.Transforms.ResizeImages("picture", 64, 64));

    private static IEstimator<ITransformer> Onnx() => MlNetPipelines.OnnxStep(Ml, MlNetPipelines.ShapesModel, "image", "logits");

    public static TheoryData<string, string> Unsupported => new()
    {
        { "interleave", "*interleavePixelColors: true*NHWC*NCHW*" },
        { "alpha", "*extracts alpha*ColorBits.Rgb*" },
        { "order", "*orders the colours ARBG*ARGB*ABGR*" },
        { "one colour", "*extracts Red without ConvertToGrayscale*" },
        { "bytes", "*outputAsFloatArray: false*" },
        { "copy on path", "*'image'*written by ColumnCopyingTransformer*cannot mirror exactly*LoadImages, ResizeImages, ConvertToGrayscale and ExtractPixels*" },
        { "gray rgb", "*ConvertToGrayscale then ExtractPixels(Rgb) feeds 3 equal grey channels*ColorBits.Red*" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void FromPipeline_StepWithoutAnExactCounterpart_IsNamed(string step, string message)
    {
        IEstimator<ITransformer> pipeline = step switch
        {
            "interleave" => (IEstimator<ITransformer>)Load().Append(Ml.Transforms.ExtractPixels("image", "picture", interleavePixelColors: true)),
            "alpha" => Load().Append(Ml.Transforms.ExtractPixels("image", "picture", colorsToExtract: ColorBits.All)),
            "order" => Load().Append(Ml.Transforms.ExtractPixels("image", "picture", orderOfExtraction: ColorsOrder.ARBG)),
            "one colour" => Load().Append(Ml.Transforms.ExtractPixels("image", "picture", colorsToExtract: ColorBits.Red)),
            "bytes" => Load().Append(Ml.Transforms.ExtractPixels("image", "picture", outputAsFloatArray: false)),
            "copy on path" => Load().Append(Ml.Transforms.ExtractPixels("pixels", "picture")).Append(Ml.Transforms.CopyColumns("image", "pixels")),
            _ => Load().Append(Ml.Transforms.ConvertToGrayscale("picture")).Append(Ml.Transforms.ExtractPixels("image", "picture")),
        };

        var act = () => AuditModel.FromPipeline(Ml, pipeline.Append(Onnx()));

        act.Should().Throw<PipelineException>().WithMessage(message);
    }

    [Fact]
    public void FromPipeline_NoApplyOnnxModel_SaysSo()
    {
        var act = () => AuditModel.FromPipeline(Ml, Load().Append(Ml.Transforms.ExtractPixels("image", "picture")));

        act.Should().Throw<PipelineException>().WithMessage("The pipeline has no ApplyOnnxModel step (ImageLoadingTransformer -> ImageResizingTransformer -> ImagePixelExtractingTransformer)*");
    }

    [Fact]
    public void FromPipeline_EstimatorThatMustBeTrained_AsksForTheFittedPipeline()
    {
        var act = () => AuditModel.FromPipeline(Ml, Ml.Transforms.Conversion.MapValueToKey("Label").Append(Load()).Append(Ml.Transforms.ExtractPixels("image", "picture")).Append(Onnx()));

        act.Should().Throw<PipelineException>().WithMessage("ValueToKeyMappingEstimator must be trained*pipeline.Fit(data)*");
    }

    [Fact]
    public void FromPipeline_StepsOffTheImagePath_AreListedAndLeftAlone()
    {
        var pipeline = Ml.Transforms.CopyColumns("Source", "ImagePath")
            .Append(Load())
            .Append(Ml.Transforms.ExtractPixels("image", "picture", offsetImage: 127.5f, scaleImage: 1f / 127.5f))
            .Append(Onnx())
            .Append(Ml.Transforms.CopyColumns("Scores", "logits"));

        using var model = AuditModel.FromPipeline(Ml, pipeline);

        model.Pipeline!.Ignored.Should().Equal("ColumnCopyingTransformer (before LoadImages)", "ColumnCopyingTransformer (after the model)");
        model.Pipeline.Transforms.Should().HaveCount(4);
    }

    [Fact]
    public void Check_SpecThatDiffersFromThePipeline_ReportsTheImageAndTheValues()
    {
        var steps = PipelineReader.Read(MlNetPipelines.Shapes(Ml));
        var bilinear = steps.Spec with { Resampling = Resampling.Bilinear };
        using var model = AuditModel.Load(steps.ModelFile, bilinear);

        var act = () => PipelineCheck.Run(model, new PipelineScorer(Ml, steps), MlNetPipelines.ShapesAtManySizes(), 1e-4);

        act.Should().Throw<PipelineException>().WithMessage(
            "The input spec derived from the ML.NET pipeline does not reproduce it: on image #* 'logits'[*] is * through the pipeline and * through the engine (difference * > tolerance 0.0001). Derived spec: 3x64x64 Rgb*resize=crop_center*Steps: LoadImages*");
    }

    [Fact]
    public void VerifyPipeline_ModelLoadedFromItsFile_SaysItHasNoPipeline()
    {
        var act = () => ShapesFixtures.Clean.VerifyPipeline(ShapesFixtures.Probes.Take(1).ToArray());

        act.Should().Throw<InvalidOperationException>().WithMessage("'shapes-clean.onnx' was loaded from its ONNX file, not read from an ML.NET pipeline*");
    }

    [Fact]
    public void Options_NegativeTolerance_IsRejected()
    {
        var act = () => AuditModel.FromPipeline(Ml, MlNetPipelines.Shapes(Ml), new PipelineOptions { Tolerance = -1 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Tolerance must be a finite number*");
    }
}
