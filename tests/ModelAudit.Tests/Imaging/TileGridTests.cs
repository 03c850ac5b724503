using ModelAudit.Imaging;

namespace ModelAudit.Tests.Imaging;

public sealed class TileGridTests
{
    [Fact]
    public void Compose_WithCaptions_DrawsTextAtLeastTwelvePixelsTall()
    {
        var picture = TileGrid.Compose([RgbImage.Filled(60, 20, Rgb.Gray(255))], captions: ["Hg"]);

        var tile = picture.Tiles!.Tile(0);
        var inked = Enumerable.Range(tile.Bottom, picture.Height - tile.Bottom)
            .Where(y => Enumerable.Range(0, picture.Width).Any(x => picture[x, y].R < 128)).ToArray();
        inked.Should().NotBeEmpty();
        (inked.Max() - inked.Min() + 1).Should().BeGreaterThanOrEqualTo(12, "from the top of the H to the foot of the g, the caption must read as 12 px text or larger");
    }
}
