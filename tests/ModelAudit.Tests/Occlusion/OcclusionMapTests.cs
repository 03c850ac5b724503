using ModelAudit.Imaging;
using ModelAudit.Occlusion;

namespace ModelAudit.Tests.Occlusion;

public sealed class OcclusionMapTests
{
    [Fact]
    public void ToSnapshot_Map_HoldsItsNumbersAndPictures()
    {
        var map = OcclusionMetricsTests.MapOf(4, 3, (x, y) => x == 2 && y == 1 ? 0.5f : 0, targetClass: 1);

        var snapshot = map.ToSnapshot();

        snapshot.Metrics.Should().Contain(new Dictionary<string, double>
        {
            ["base_probability"] = 0.9, ["max_drop"] = 0.5, ["peak_x"] = 2, ["peak_y"] = 1, ["target_class"] = 1, ["windows"] = 12,
        });
        snapshot.Images.Keys.Should().BeEquivalentTo("map", "overlay");
        snapshot.Images["map"].Bounds.Should().Be(new PixelBox(0, 0, 4, 3));
        snapshot.Images["map"][2, 1].Should().Be(Colormap.Viridis.Map(1));
        snapshot.Images["map"][0, 0].Should().Be(Colormap.Viridis.Map(0));
    }

    [Fact]
    public void SideBySide_SmallMap_IsUpscaledFourTimes()
    {
        var map = OcclusionMetricsTests.MapOf(16, 16, (x, _) => x);

        var picture = OcclusionRendering.SideBySide(map);

        picture.Width.Should().Be((3 * 16 * 4) + (4 * 4));
        map.MostDamaging.Box.Should().Be(new PixelBox(15, 0, 1, 1));
        OcclusionRendering.Overlay(map)[15, 0].Should().Be(new Rgb(255, 255, 255), "the worst window is outlined");
    }

    [Fact]
    public void Overlay_WithTheMeasuredBox_DrawsItsEdgeDashedAndLeavesTheInsideAlone()
    {
        var map = OcclusionMetricsTests.MapOf(16, 16, (x, _) => x);
        var box = new PixelBox(4, 3, 8, 6);

        var plain = OcclusionRendering.Overlay(map);
        var marked = OcclusionRendering.Overlay(map, box: box);

        var edge = new[] { (4, 3), (11, 3), (4, 8), (11, 8), (7, 3), (4, 5), (11, 6), (8, 8) };
        edge.Select(p => marked[p.Item1, p.Item2]).Should().OnlyContain(c => c == new Rgb(0, 255, 255) || c == new Rgb(0, 0, 0), "the box edge is dashed cyan and black");
        edge.Select(p => marked[p.Item1, p.Item2]).Distinct().Should().HaveCount(2, "both dash colours show along the edge");
        marked[7, 5].Should().Be(plain[7, 5], "inside the box the overlay is unchanged");
        marked[2, 12].Should().Be(plain[2, 12], "outside too");
        marked[15, 0].Should().Be(new Rgb(255, 255, 255), "the worst window is still outlined in white");
    }

    [Fact]
    public void SideBySide_WithTheMeasuredBox_DrawsItOnTheOverlayTileOnly()
    {
        var map = OcclusionMetricsTests.MapOf(16, 16, (x, _) => x);
        var box = new PixelBox(4, 3, 8, 6);

        var picture = OcclusionRendering.SideBySide(map, box: box);

        var overlay = picture.Tiles!.Tile(2);
        var image = picture.Tiles.Tile(0);
        picture[overlay.X + (4 * 4), overlay.Y + (3 * 4)].Should().BeOneOf(new Rgb(0, 255, 255), new Rgb(0, 0, 0));
        picture[image.X + (4 * 4), image.Y + (3 * 4)].Should().Be(map.Image[4, 3], "the image tile is left as it is");
    }

    [Fact]
    public void Compute_ImageOfAnotherSize_IsResizedToTheModelInput()
    {
        using var model = LinearGrayModel.Create(5, 6, Enumerable.Repeat(0.1f, 30).ToArray());

        var map = new OcclusionSensitivity(model).Compute(RgbImage.Filled(12, 10, Rgb.Gray(90)), new OcclusionOptions { Window = 2, Stride = 2 });

        (map.Width, map.Height).Should().Be((6, 5));
        map.Image[0, 0].Should().Be(Rgb.Gray(90));
    }
}
