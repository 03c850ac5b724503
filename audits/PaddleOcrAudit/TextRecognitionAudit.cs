using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Filters;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Targets;

namespace PaddleOcrAudit;

/// <summary>PaddleOCR's text recogniser (CTC) and the lines we feed it: rendered as our pipeline crops them.</summary>
public sealed class RecogniserFixture : IDisposable
{
    public RecogniserFixture()
    {
        PaddleOcrFixture.FetchIfMissing();
        Model = KnownModels.PaddleOcrRecogniser();
        Target = KnownModels.PaddleOcrRecogniserTarget();
        Lines = new[] { "Invoice 2026", "Page 7 of 12", "Order No 00417" }
            .Select(text =>
            {
                var image = TextLineRenderer.Render(text, width: 200, height: 48);
                var ink = PixelMask.FromPredicate(image.Width, image.Height, (x, y) => image[x, y].G < 128).Bounds;
                return new LabeledImage(text, image, -1, ink, Text: text);
            })
            .ToArray();
    }

    public AuditModel Model { get; }

    /// <summary>log P(text | line) under CTC, over PaddleOCR's charset and a space.</summary>
    public SequenceTarget Target { get; }

    /// <summary>Lines with their text and the box of their ink.</summary>
    public IReadOnlyList<LabeledImage> Lines { get; }

    public void Dispose() => Model.Dispose();
}

/// <summary>Auditing a recogniser someone else trained: it reads our lines, and it reads them from the glyphs.</summary>
public sealed class TextRecognitionAudit(RecogniserFixture fixture) : IClassFixture<RecogniserFixture>
{
    [Fact]
    public void Every_line_is_read_with_confidence()
    {
        // One window as large as the input: the clean score is all that is needed here.
        var maps = new OcclusionSensitivity(fixture.Model).Compute(fixture.Lines, new OcclusionOptions { Window = 48, Stride = 48, Target = fixture.Target });

        maps.Should().OnlyContain(m => m.BaseScore > Math.Log(0.5), "each line's text has probability above one half");
    }

    [Fact]
    public void Covering_the_glyphs_is_what_changes_the_reading()
    {
        var maps = new OcclusionSensitivity(fixture.Model).Compute(fixture.Lines, new OcclusionOptions { Window = 16, Stride = 8, Target = fixture.Target });

        for (var i = 0; i < maps.Count; i++)
        {
            maps[i].Should().PutMassInside(fixture.Lines[i].Box!.Value.Inflate(4, new PixelBox(0, 0, 320, 48)), atLeast: 0.9);
        }
    }

    [Fact]
    public void The_gradient_of_the_text_lies_on_the_line_not_the_padding()
    {
        var maps = new Saliency(fixture.Model).Compute(fixture.Lines, new SaliencyOptions { Target = fixture.Target });

        maps.Should().OnlyContain(m => m.TargetName.StartsWith("text '", StringComparison.Ordinal));
        foreach (var map in maps)
        {
            map.Should().PutMassInside(new PixelBox(0, 0, 200, 48), atLeast: 0.75, "the line is 62% of the input");
        }
    }

    [Fact]
    public void First_layer_filters_are_alive() =>
        FilterReport.For(fixture.Model).Should().HaveNoDeadFilters();
}
