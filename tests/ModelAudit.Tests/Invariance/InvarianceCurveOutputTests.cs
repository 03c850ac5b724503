using System.Text.Json;
using ModelAudit.Imaging;
using ModelAudit.Invariance;

namespace ModelAudit.Tests.Invariance;

public sealed class InvarianceCurveOutputTests
{
    [Fact]
    public void ToJson_Curve_HasSortedKeysAndTheMeasuredPoints()
    {
        var curve = InvarianceModels.PaddleRotation;

        var json = curve.ToJson();

        using var doc = JsonDocument.Parse(json);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
        doc.RootElement.GetProperty("transform").GetString().Should().Be("rotate");
        doc.RootElement.GetProperty("fill").GetString().Should().Be("edge replicate");
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToArray();
        points.Should().HaveCount(5);
        points[^1].GetProperty("value").GetDouble().Should().Be(180);
        points[^1].GetProperty("targetProbability").GetDouble().Should().BeApproximately(curve.Points[^1].TargetProbability, 1e-6);
        points[0].EnumerateObject().Select(p => p.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
        json.Should().Be(curve.ToJson());
    }

    [Fact]
    public void ToSnapshot_CurveSet_HoldsMetricsPerTransformAndOnePlotEach()
    {
        var set = new InvarianceCurveSet([InvarianceModels.PaddleRotation]);

        var snapshot = set.ToSnapshot();

        snapshot.Metrics.Should().ContainKey("rotate.top1Agreement@180").WhoseValue.Should().Be(0);
        snapshot.Metrics.Keys.Should().Contain(k => k.StartsWith("rotate.distance.", StringComparison.Ordinal));
        snapshot.Images.Keys.Should().Equal("rotate");
        set[TransformKind.Rotate].Should().BeSameAs(InvarianceModels.PaddleRotation);
        JsonDocument.Parse(set.ToJson()).RootElement.GetProperty("curves").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public void Render_Curve_DrawsThreePanelsWithInk()
    {
        var plot = InvariancePlot.Render(InvarianceModels.PaddleRotation, panelWidth: 300, panelHeight: 240);

        plot.Width.Should().BeGreaterThanOrEqualTo(900);
        plot.Height.Should().BeGreaterThanOrEqualTo(240);
        // Each panel has dark text and lines, not an empty frame (invisible fonts would leave only axes).
        for (var panel = 0; panel < 3; panel++)
        {
            var dark = 0;
            for (var y = 0; y < plot.Height; y++)
            {
                for (var x = panel * (plot.Width / 3); x < (panel + 1) * (plot.Width / 3); x++)
                {
                    var c = plot[x, y];
                    dark += c.R + c.G + c.B < 200 ? 1 : 0;
                }
            }

            dark.Should().BeGreaterThan(1500, $"panel {panel} should carry titles, labels and ticks");
        }
    }
}
