using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Targets;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

/// <summary>PaddleOCR's detector (dense target) and recogniser (sequence target) audited on rendered text.</summary>
public sealed class PaddleOcrTextModelsTests
{
    private const string Text = "Invoice 2026";

    /// <summary>A rendered line, 200×48, the text on the left and paper on the right; its box is where the ink is.</summary>
    internal static LabeledImage Line(string text = Text)
    {
        var image = TextLineRenderer.Render(text, width: 200, height: 48);
        return new LabeledImage("line", image, -1, InkBox(image), Text: text);
    }

    /// <summary>A white 320×96 page with a 32-pixel-high line in the middle; its box is the line's ink.</summary>
    internal static LabeledImage Page()
    {
        var line = TextLineRenderer.Render(Text, width: 160, height: 32, paper: new Rgb(255, 255, 255));
        var ink = InkBox(line);
        var page = RgbImage.Create(320, 96, (x, y) => x >= 80 && x < 240 && y >= 32 && y < 64 ? line[x - 80, y - 32] : new Rgb(255, 255, 255));
        return new LabeledImage("page", page, -1, new PixelBox(ink.X + 80, ink.Y + 32, ink.Width, ink.Height));
    }

    /// <summary>The smallest box holding every dark pixel.</summary>
    internal static PixelBox InkBox(RgbImage image) =>
        PixelMask.FromPredicate(image.Width, image.Height, (x, y) => image[x, y].G < 128).Bounds;

    [Fact]
    public void Recogniser_SequenceTarget_DecodesTheLineAndScoresItsLabelHigherThanAnotherText()
    {
        var model = TestModels.PaddleOcrRecogniser;
        var target = KnownModels.PaddleOcrRecogniserTarget();
        var line = Line();
        var options = new OcclusionOptions { Window = 48, Stride = 48, Target = target };

        var decoded = new OcclusionSensitivity(model).Compute([line with { Text = null }], options)[0];
        var wrong = new OcclusionSensitivity(model).Compute([line with { Text = "Invoice 2025" }], options)[0];

        model.OutputShape.Should().Equal(40, 6625);
        decoded.TargetName.Should().Be($"text '{Text}'");
        decoded.BaseScore.Should().BeGreaterThan(Math.Log(0.5), "the recogniser reads the rendered line");
        wrong.BaseScore.Should().BeLessThan(decoded.BaseScore - 5);
    }

    [Fact]
    public void Recogniser_OcclusionOfTheText_PutsTheDropOnTheGlyphs()
    {
        var line = Line();

        var map = new OcclusionSensitivity(TestModels.PaddleOcrRecogniser).Compute([line], new OcclusionOptions { Window = 16, Stride = 8, Target = KnownModels.PaddleOcrRecogniserTarget() })[0];

        // fit_height keeps the 200×48 line at its size and pads it to 320: the box is where it was.
        map.Width.Should().Be(320);
        map.MaxDrop.Should().BeGreaterThan(3, "covering a glyph changes the text's log-probability by orders of magnitude");
        PixelMapMetrics.MassInside(map, line.Box!.Value.Inflate(4, new PixelBox(0, 0, 320, 48))).Should().BeGreaterThan(0.9, "a 16-pixel window smears the drop a few pixels past the ink");
    }

    [Fact]
    public void Detector_OcclusionOfALine_PutsTheDropOnTheLine()
    {
        var page = Page();

        var map = new OcclusionSensitivity(TestModels.PaddleOcrDetector).Compute(
            [page],
            new OcclusionOptions { Window = 16, Stride = 8, Target = new DenseTarget(), Fill = OcclusionFill.Constant(new Rgb(255, 255, 255)) })[0];

        TestModels.PaddleOcrDetector.OutputShape.Should().Equal(1, 96, 320);
        map.BaseScore.Should().BeGreaterThan(0.3, "the line is detected");
        PixelMapMetrics.MassInside(map, page.Box!.Value.Inflate(8, new PixelBox(0, 0, 320, 96))).Should().BeGreaterThan(0.8, "the page around the line is white, covered by white");
    }

    [Fact]
    public void Recogniser_SaliencyOfTheText_LiesOnTheLineNotThePadding()
    {
        var line = Line();

        var map = new Saliency(TestModels.PaddleOcrRecogniser).Compute([line], new SaliencyOptions { Target = KnownModels.PaddleOcrRecogniserTarget() })[0];

        map.TargetName.Should().Be($"text '{Text}'");
        map.Score.Should().BeGreaterThan((float)Math.Log(0.5));
        PixelMapMetrics.MassInside(map, new PixelBox(0, 0, 200, 48)).Should().BeGreaterThan(0.85, "the line is 62% of the input; the padding right of it carries no text");
    }

    [Fact]
    public void Detector_SaliencyOfTheLineBox_LiesAroundTheLine()
    {
        var page = Page();

        var map = new Saliency(TestModels.PaddleOcrDetector).Compute([page], new SaliencyOptions { Target = new DenseTarget() })[0];

        var near = page.Box!.Value.Inflate(16, new PixelBox(0, 0, 320, 96));
        PixelMapMetrics.MassInside(map, near).Should().BeGreaterThan(0.6, "the region around the line is {0:0}% of the page", 100.0 * near.Area / (320 * 96));
    }
}
