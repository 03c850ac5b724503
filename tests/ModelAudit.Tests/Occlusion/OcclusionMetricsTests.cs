using ModelAudit.Imaging;
using ModelAudit.Occlusion;

namespace ModelAudit.Tests.Occlusion;

public sealed class OcclusionMetricsTests
{
    [Fact]
    public void Peak_Plateau_IsTheMaximalPixelNearestItsCentroid() =>
        MapOf(5, 5, (x, y) => x >= 1 && x <= 3 && y >= 2 ? 1 : 0).Peak.Should().Be((2, 3));

    [Fact]
    public void MaxAbsDifference_TwoMaps_LargestPixelDifference()
    {
        var a = MapOf(2, 2, (x, y) => x + y);
        var b = MapOf(2, 2, (x, y) => x == 1 && y == 1 ? -1 : x + y);

        // Only (1,1) differs: 2 against -1.
        OcclusionMetrics.MaxAbsDifference(a, b).Should().Be(3);
    }

    /// <summary>A map with the given attribution (one 1×1 window per pixel, stride 1).</summary>
    internal static OcclusionMap MapOf(int width, int height, Func<int, int, float> value, int targetClass = 0)
    {
        var attribution = new float[width * height];
        var windows = new OcclusionWindow[width * height];
        for (var i = 0; i < attribution.Length; i++)
        {
            attribution[i] = value(i % width, i / width);
            windows[i] = new OcclusionWindow(new PixelBox(i % width, i / width, 1, 1), 0.9 - attribution[i], 0.9 - attribution[i], attribution[i]);
        }

        var options = new OcclusionOptions { Window = 1, Stride = 1 };
        return new OcclusionMap(RgbImage.Filled(width, height, Rgb.Gray(100)), targetClass, $"class {targetClass}", targetClass, 0.9, 0.9, [.. Enumerable.Range(0, width)], [.. Enumerable.Range(0, height)], windows, attribution, options);
    }
}
