using ModelAudit.Activations;
using ModelAudit.Assertions;
using ModelAudit.Embeddings;
using ModelAudit.Filters;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Invariance;
using ModelAudit.Occlusion;
using ModelAudit.Xunit;

namespace PaddleOcrAudit;

/// <summary>Auditing a model someone else trained: what must hold before it goes into our OCR pipeline.</summary>
public sealed class TextDirectionAudit(PaddleOcrFixture fixture) : IClassFixture<PaddleOcrFixture>
{
    [Fact]
    public void Upright_and_rotated_lines_are_told_apart()
    {
        var upright = fixture.Model.Predict(fixture.Upright);
        var rotated = fixture.Model.Predict(fixture.Rotated);

        upright.Should().OnlyContain(p => p.Top1 == 0 && p.Confidence > 0.9f);
        rotated.Should().OnlyContain(p => p.Top1 == 1 && p.Confidence > 0.9f);
    }

    [Fact]
    public void The_classifier_flips_at_180_degrees_and_only_there()
    {
        var curve = new InvarianceSweep(fixture.Model).Compute(Transform.Rotate(0, 180, step: 45), fixture.Upright);

        curve.TargetProbabilityAt(0).Should().BeGreaterThan(0.9);
        curve.Top1AgreementAt(180).Should().Be(0, "every line read upside down must be flagged as rotated");
        curve.Should().KeepTop1Within(0, 0);
    }

    [Fact]
    public void Evidence_lies_on_the_glyphs_not_the_margin()
    {
        var line = TextLineRenderer.Render("Hello");
        var inkEnd = Enumerable.Range(0, line.Width).Last(x => Enumerable.Range(0, line.Height).Any(y => line[x, y].R < 128));

        var map = new OcclusionSensitivity(fixture.Model).Compute(line, new OcclusionOptions { Window = 16, Stride = 8 });

        map.Should().PutMassInside(new PixelBox(0, 0, inkEnd + 8, line.Height), atLeast: 0.9)
            .And.PutLittleMassInside(new PixelBox(inkEnd + 16, 0, line.Width - inkEnd - 16, line.Height), atMost: 0.05);
    }

    [Fact]
    public void Occlusion_map_matches_the_approved_baseline() =>
        // A short line: on long ones the classifier is so sure that no single window moves its probability.
        XunitBaseline.Match(new OcclusionSensitivity(fixture.Model).Compute(TextLineRenderer.Render("Hello"), new OcclusionOptions { Window = 16, Stride = 8 }));

    [Fact]
    public void First_layer_channels_fire_on_text() =>
        new ActivationAnalysis(fixture.Model).Compute([.. fixture.Upright, .. fixture.Rotated], [fixture.Model.Graph.FirstConv.Output])
            .Should().HaveNoDeadChannels(fixture.Model.Graph.FirstConv.Output);

    [Fact]
    public void Guided_backprop_lies_on_the_glyphs()
    {
        var line = TextLineRenderer.Render("Hello");
        var inkEnd = Enumerable.Range(0, line.Width).Last(x => Enumerable.Range(0, line.Height).Any(y => line[x, y].R < 128));
        var saliency = new Saliency(fixture.Model);

        saliency.Compute(line, new SaliencyOptions { Method = SaliencyMethod.GuidedBackprop })
            .Should().PutMassInside(new PixelBox(0, 0, inkEnd + 4, line.Height), atLeast: 0.8);
    }

    [Fact]
    public void First_layer_filters_are_alive() =>
        FilterReport.For(fixture.Model).Should().HaveNoDeadFilters();

    [Fact]
    public void Penultimate_codes_separate_upright_from_rotated() =>
        new EmbeddingExtractor(fixture.Model)
            .Compute([.. fixture.Upright, .. fixture.Rotated], [.. fixture.Upright.Select(_ => 0), .. fixture.Rotated.Select(_ => 1)])
            .Should().SeparateClasses(minSilhouette: 0.4).And.HaveKnnAccuracyAbove(0.95);

    [Fact]
    public void First_layer_matches_the_approved_baseline() =>
        XunitBaseline.Match(FilterReport.For(fixture.Model));
}
