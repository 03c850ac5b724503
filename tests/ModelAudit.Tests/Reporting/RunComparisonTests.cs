using ModelAudit.Imaging;
using ModelAudit.Reporting;

namespace ModelAudit.Tests.Reporting;

public sealed class RunComparisonTests
{
    private static readonly AuditRun Baseline = Run("old.onnx", deadFilters: 0, states: ["smooth", "smooth", "smooth", "smooth"], z: [2, 2.5, 3, 1.5], p: 0.9, shade: 40);
    private static readonly AuditRun Candidate = Run("new.onnx", deadFilters: 1, states: ["smooth", "dead", "smooth", "noisy"], z: [2.1, 0, 3, -0.5], p: 0.4, shade: 200);

    [Fact]
    public void Compare_Checks_ShowTheBaselinesValueTheCandidatesAndTheDelta()
    {
        var comparison = RunComparison.Compare(Baseline, Candidate);

        comparison.Baseline.Should().BeSameAs(Baseline);
        MarkdownReport.ToMarkdown(comparison).Should().Contain("| ❌ | FAIL | filters | dead filters | 0 (pass) | 1 | +1 | ≤ 0 |");
        HtmlReport.ToHtml(comparison).Should().Contain("<th>baseline</th><th>candidate</th><th>Δ</th>").And.Contain(">0 (pass)</td>").And.Contain(">+1</td>");
        JsonReport.ToJson(comparison).Should().Contain("\"baseline_measured\": 0").And.Contain("\"baseline_verdict\": \"passed\"");
    }

    [Fact]
    public void Compare_SummaryMarkdown_ListsTheMetricsThatMovedWithTheirDeltas()
    {
        var md = MarkdownReport.ToMarkdown(RunComparison.Compare(Baseline, Candidate));

        md.Should().Contain("### Metrics that changed").And.Contain("| Filters of conv1 | dead_filters | 0 | 1 | +1 |").And.Contain("| Filters of conv1 | min_smoothness_z | 1.5 | -0.5 | -2 |");
        md.Should().NotContain("| median_norm |", "a metric that did not move is not listed");
    }

    [Fact]
    public void Compare_Series_NameTheUnitsThatChangedStateThenTheLargestChanges()
    {
        var comparison = RunComparison.Compare(Baseline, Candidate);

        comparison.Sections[0].Title.Should().Be("What changed");
        comparison.Sections[0].Summary.Should().Contain("Filters of conv1: filter #1 smooth → dead; filter #3 smooth → noisy.");
        var table = comparison.Sections[0].Tables.Single(t => t.Caption.StartsWith("Filters of conv1 that changed", StringComparison.Ordinal));
        table.Rows.Select(r => string.Join(" ", r)).Should().Equal("#1 smooth dead 2.5 0 -2.5", "#3 smooth noisy 1.5 -0.5 -2", "#0 smooth smooth 2 2.1 +0.1");
    }

    [Fact]
    public void Compare_Figures_ShowBothPicturesEachWithItsOwnModelsCaption()
    {
        var html = HtmlReport.ToHtml(RunComparison.Compare(Baseline, Candidate));

        html.Should().Contain("<b>baseline: </b>class cat, p = 0.90</figcaption>").And.Contain("<b>candidate: </b>class cat, p = 0.40</figcaption>");
        html.Should().Contain("<div class=\"pair\" id=\"f-map\">", "each picture is shown before and after");
        html.Should().Contain("<div class=\"pair\" id=\"f-changed-map\">", "the picture that changed most is repeated in the first section");
    }

    [Fact]
    public void Compare_PicturesWithAnArbitraryLayout_AreNotRankedAmongThoseThatChanged()
    {
        var comparison = RunComparison.Compare(Baseline, Candidate);

        var ranked = comparison.Sections[0].Tables.Single(t => t.Caption.StartsWith("Pictures that changed most", StringComparison.Ordinal));
        ranked.Rows.Select(r => r[0]).Should().Equal("map");
    }

    private static AuditRun Run(string model, int deadFilters, string[] states, double[] z, double p, byte shade) => new(
        $"Audit of {model}",
        new Provenance(model, new string(model[0], 64), "3x8x8 Rgb", new string('b', 64), 4, "0.1.0", DateTimeOffset.UnixEpoch, new Dictionary<string, string>()),
        [CheckResult.Of("filters", "dead filters", deadFilters, Comparison.AtMost, 0)],
        [
            new ReportSection(
                "Filters of conv1",
                "Four filters.",
                new Dictionary<string, double> { ["dead_filters"] = deadFilters, ["min_smoothness_z"] = z.Min(), ["median_norm"] = 1 },
                [
                    new ReportFigure("map", $"class cat, p = {p:0.00}", RgbImage.Create(8, 6, (x, y) => new Rgb((byte)(x * 30), (byte)(y * 40), shade))),
                    new ReportFigure("scatter", "t-SNE map.", RgbImage.Filled(8, 8, Rgb.Gray(shade))) { ComparableAcrossRuns = false },
                ])
            {
                Series = [new ReportSeries("filters of conv1", "filter", "smoothness z (lower is noisier)", z, states)],
            },
        ]);
}
