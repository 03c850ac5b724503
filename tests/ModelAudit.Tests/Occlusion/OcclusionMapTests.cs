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
    public void Compute_ImageOfAnotherSize_IsResizedToTheModelInput()
    {
        using var model = LinearGrayModel.Create(5, 6, Enumerable.Repeat(0.1f, 30).ToArray());

        var map = new OcclusionSensitivity(model).Compute(RgbImage.Filled(12, 10, Rgb.Gray(90)), new OcclusionOptions { Window = 2, Stride = 2 });

        (map.Width, map.Height).Should().Be((6, 5));
        map.Image[0, 0].Should().Be(Rgb.Gray(90));
    }
}
