using ModelAudit.Gradients;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Gradients;

public sealed class AttributionRenderingTests
{
    [Fact]
    public void RenderOverlay_WithTheMeasuredBox_DrawsItsEdgeDashed()
    {
        var image = RgbImage.Filled(12, 10, Rgb.Gray(200));
        var map = new AttributionMap("test", image, "x", Enumerable.Range(0, 120).Select(i => (float)(i % 12)).ToArray());
        var box = new PixelBox(2, 2, 6, 5);

        var plain = map.RenderOverlay();
        var marked = map.RenderOverlay(box);

        new[] { marked[2, 2], marked[7, 2], marked[2, 6], marked[7, 6], marked[4, 2], marked[2, 4] }
            .Should().OnlyContain(c => c == new Rgb(0, 255, 255) || c == new Rgb(0, 0, 0), "the box edge is dashed cyan and black");
        marked[4, 4].Should().Be(plain[4, 4], "inside the box the overlay is unchanged");
        marked[10, 8].Should().Be(plain[10, 8]);
    }
}
