using Microsoft.ML;
using Microsoft.ML.Transforms.Image;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Pipelines;
using ModelAudit.Tests.TestSupport;
using static Microsoft.ML.Transforms.Image.ImageResizingEstimator;

namespace ModelAudit.Tests.Pipelines;

/// <summary>
/// A service's ML.NET pipeline is the audited model: the spec read from its steps must feed the batched engine what the
/// pipeline feeds the model, on images the pipeline has to resize, within 1e-4 on every output value.
/// </summary>
public sealed class PipelineAgreementTests
{
    private static readonly MLContext Ml = new(seed: 0);

    public static TheoryData<ResizingKind, Anchor, ResizePolicy> Resizes => new()
    {
        { ResizingKind.IsoCrop, Anchor.Center, ResizePolicy.CropCenter },
        { ResizingKind.IsoCrop, Anchor.Top, ResizePolicy.CropTop },
        { ResizingKind.IsoCrop, Anchor.Bottom, ResizePolicy.CropBottom },
        { ResizingKind.IsoCrop, Anchor.Left, ResizePolicy.CropLeft },
        { ResizingKind.IsoCrop, Anchor.Right, ResizePolicy.CropRight },
        { ResizingKind.IsoPad, Anchor.Center, ResizePolicy.Letterbox },
        { ResizingKind.Fill, Anchor.Center, ResizePolicy.Stretch },
    };

    [Theory]
    [MemberData(nameof(Resizes))]
    public void FromPipeline_ShapesService_AgreesWithTheEngineOnTwelveSizes(ResizingKind kind, Anchor anchor, ResizePolicy expected)
    {
        using var model = AuditModel.FromPipeline(Ml, MlNetPipelines.Shapes(Ml, kind, anchor));

        var agreement = model.VerifyPipeline(MlNetPipelines.ShapesAtManySizes());
        TestContext.Current.TestOutputHelper?.WriteLine($"{kind}/{anchor}: {agreement}");

        model.Spec.Resize.Should().Be(expected);
        model.Spec.Resampling.Should().Be(Resampling.MLNet);
        agreement.ImageCount.Should().Be(12);
        agreement.ValuesPerImage.Should().Be(4);
        agreement.MaxDifference.Should().BeLessThanOrEqualTo(1e-4, agreement.ToString());
    }

    [Fact]
    public void FromPipeline_ShapesService_DerivesTheServicesSpec()
    {
        using var model = AuditModel.FromPipeline(Ml, MlNetPipelines.Shapes(Ml));

        model.Spec.Should().Be(InputSpec.FromScaleOffset(64, 64, ChannelOrder.Rgb, [1f / 127.5f], [-127.5f * (1f / 127.5f)]) with
        {
            Resize = ResizePolicy.CropCenter,
            Resampling = Resampling.MLNet,
        });
        model.Pipeline!.Transforms.Should().Equal(
            "LoadImages('ImagePath' -> 'picture', folder '')",
            "ResizeImages('picture' -> 'picture', 64x64, IsoCrop, anchor Center)",
            "ExtractPixels('picture' -> 'image', Rgb, ARGB, planar, offset 127.5, scale 0.007843138)",
            "ApplyOnnxModel('image' -> 'logits', model 'shapes-clean.onnx')");
        model.Pipeline.ImageColumn.Should().Be("ImagePath");
        model.Pipeline.OutputColumn.Should().Be("logits");
        model.Pipeline.MlNetVersion.Should().StartWith("6.0");
        model.Pipeline.Agreement.ImageCount.Should().Be(4, "the generated check images: one at the input size, three resized");
        model.Pipeline.Agreement.Agrees.Should().BeTrue();
    }

    [Fact]
    public void FromPipeline_FittedAndSavedAsZip_ReadsTheSameModelAndSpec()
    {
        var data = Ml.Data.LoadFromEnumerable(Array.Empty<PathRow>());
        var fitted = MlNetPipelines.Shapes(Ml, ResizingKind.IsoPad).Fit(data);
        var zip = Path.Combine(Path.GetTempPath(), $"modelaudit-pipeline-{Guid.NewGuid():N}.zip");
        try
        {
            Ml.Model.Save(fitted, data.Schema, zip);
            var loaded = Ml.Model.Load(zip, out _);
            using var fromFit = AuditModel.FromPipeline(Ml, fitted);
            using var fromZip = AuditModel.FromPipeline(Ml, loaded);

            fromZip.Spec.Should().Be(fromFit.Spec);
            fromZip.Sha256.Should().Be(fromFit.Sha256, "the zip carries the same ONNX bytes");
            fromZip.VerifyPipeline(MlNetPipelines.ShapesAtManySizes()).MaxDifference.Should().BeLessThanOrEqualTo(1e-4);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public void FromPipeline_PaddleOcrBgrService_AgreesOnTextLines()
    {
        var pipeline = Ml.Transforms.LoadImages("line", imageFolder: null, inputColumnName: "Path")
            .Append(Ml.Transforms.ResizeImages("line", 192, 48, resizing: ResizingKind.Fill))
            .Append(Ml.Transforms.ExtractPixels("x", "line", orderOfExtraction: ImagePixelExtractingEstimator.ColorsOrder.ABGR, offsetImage: 127.5f, scaleImage: 1f / 127.5f))
            .Append(MlNetPipelines.OnnxStep(Ml, KnownModels.PaddleOcrClassifierPath(), "x", "softmax_0.tmp_0", [1, 3, 48, 192]));
        RgbImage[] lines = [TextLineRenderer.Render("Hello ModelAudit 2026"), TextLineRenderer.Render("Invoice 00417", 240, 40), TextLineRenderer.Render("Page 7 of 12", 150, 60)];

        using var model = AuditModel.FromPipeline(Ml, pipeline);

        model.Spec.Channels.Should().Be(ChannelOrder.Bgr);
        model.Spec.Resize.Should().Be(ResizePolicy.Stretch);
        model.VerifyPipeline(lines).MaxDifference.Should().BeLessThanOrEqualTo(1e-4);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FromPipeline_GrayscaleBeforeOrAfterResize_AgreesOnAGrayModel(bool grayFirst)
    {
        var path = MlNetPipelines.File("linear-gray", TestModels.LinearGray2x2());
        var load = Ml.Transforms.LoadImages("picture", imageFolder: null, inputColumnName: "ImagePath");
        var gray = Ml.Transforms.ConvertToGrayscale("picture");
        var resize = Ml.Transforms.ResizeImages("picture", 2, 2, resizing: ResizingKind.IsoCrop);
        IEstimator<ITransformer> imaging = grayFirst ? load.Append(gray).Append(resize) : load.Append(resize).Append(gray);
        var pipeline = imaging
            .Append(Ml.Transforms.ExtractPixels("x", "picture", colorsToExtract: ImagePixelExtractingEstimator.ColorBits.Red, scaleImage: 1f / 255))
            .Append(MlNetPipelines.OnnxStep(Ml, path, "x", "prob"));

        using var model = AuditModel.FromPipeline(Ml, pipeline);

        model.Spec.Channels.Should().Be(ChannelOrder.Gray);
        model.Spec.ToString().Should().EndWith(grayFirst ? "gray=before-resize" : "gray=after-resize");
        model.VerifyPipeline(MlNetPipelines.ShapesAtManySizes()).MaxDifference.Should().BeLessThanOrEqualTo(1e-4);
    }

    [Fact]
    public void FromPipeline_ImageColumnWithoutLoadImages_ScoresMlImages()
    {
        var pipeline = Ml.Transforms.ResizeImages("resized", 64, 64, inputColumnName: "Picture", resizing: ResizingKind.IsoPad)
            .Append(Ml.Transforms.ExtractPixels("image", "resized", offsetImage: 127.5f, scaleImage: 1f / 127.5f))
            .Append(MlNetPipelines.OnnxStep(Ml, MlNetPipelines.ShapesModel, "image", "logits"));

        using var model = AuditModel.FromPipeline(Ml, pipeline);

        model.Pipeline!.ImageColumn.Should().Be("Picture");
        model.VerifyPipeline(MlNetPipelines.ShapesAtManySizes()).MaxDifference.Should().BeLessThanOrEqualTo(1e-4);
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
