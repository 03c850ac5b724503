using ModelAudit.Baselines;
using ModelAudit.Filters;
using ModelAudit.Imaging;
using ModelAudit.Snapshots;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Baselines;

public sealed class TileComparisonTests
{
    private static readonly SnapshotName Name = SnapshotName.Parse("Filters.Grid");

    [Fact]
    public void Check_UnchangedFilterGrid_Matches()
    {
        using var temp = Accepted(out var clean);

        var result = Baseline.Check(Grid(clean), Name, temp.Settings);

        result.Outcome.Should().Be(BaselineOutcome.Matched);
    }

    [Theory]
    [InlineData(5, "zeroed")]
    [InlineData(9, "re-noised")]
    public void Check_OneFilterTileChanged_FailsNamingTheTile(int filter, string change)
    {
        using var temp = Accepted(out var clean);
        var weights = Edit(clean, filter, change);
        var changed = FilterReport.Compute(clean.ModelName, clean.Layer, clean.ChannelOrder, weights, readsImage: true, clean.Options);

        var result = Baseline.Check(Grid(changed), Name, temp.Settings);

        var image = result.Images.Single();
        var columns = Grid(clean).Images["filters"].Tiles!.Columns;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{change} filter {filter}: overall SSIM {image.Ssim:0.0000}, tile SSIM {image.WorstTile!.Ssim:0.0000}, {image.TilesBelowThreshold} of {image.TileCount} tiles below");
        image.Status.Should().Be(ImageStatus.Changed);
        image.Ssim.Should().BeGreaterThan(image.WorstTile!.Ssim + 0.3, "one tile among many barely moves the whole grid's SSIM");
        if (change == "re-noised")
        {
            image.Ssim.Should().BeGreaterThanOrEqualTo(0.98, "this change passes on the overall SSIM alone (0.9803)");
        }

        image.WorstTile.Should().Be(image.WorstTile! with { Index = filter, Row = filter / columns, Column = filter % columns });
        image.WorstTile!.Ssim.Should().BeLessThan(0.98);
        image.TilesBelowThreshold.Should().Be(1);
        result.Message.Should().Contain($"worst tile {filter} (row {filter / columns}, column {filter % columns}, pixels {image.WorstTile.Box}) SSIM ")
            .And.Contain($"1 of {clean.Layer.OutChannels} tiles below the threshold (framed in blue in the diff)");
        var diff = ImageCodec.Load(image.DiffPath!);
        var box = image.WorstTile.Box;
        diff[box.X - 1, box.Y - 1].Should().Be(new Rgb(0, 96, 255), "the failing tile is framed");
        diff[box.X + box.Width, box.Y + box.Height].Should().Be(new Rgb(0, 96, 255));
    }

    [Fact]
    public void Check_AnyOneFilterZeroedOrReNoised_FailsOnThatTileAlone()
    {
        using var temp = Accepted(out var clean);
        foreach (var change in new[] { "zeroed", "re-noised" })
        {
            for (var f = 0; f < clean.Layer.OutChannels; f++)
            {
                var changed = FilterReport.Compute(clean.ModelName, clean.Layer, clean.ChannelOrder, Edit(clean, f, change), readsImage: true, clean.Options);
                var image = Baseline.Check(Grid(changed), Name, temp.Settings).Images.Single();

                (image.Status, image.WorstTile!.Index, image.TilesBelowThreshold).Should().Be((ImageStatus.Changed, f, 1), $"filter {f} {change}");
            }
        }
    }

    [Fact]
    public void Check_PlainPictureWithoutTiles_ComparesAsAWhole()
    {
        using var temp = new TempBaselines();
        Baseline.Check(TempBaselines.Snap(), Name, temp.Settings with { Accept = true });

        var result = Baseline.Check(TempBaselines.Snap(TempBaselines.WithSquare(TempBaselines.Gradient(), 20, 8, 12, Rgb.Gray(255))), Name, temp.Settings);

        result.Images.Single().WorstTile.Should().BeNull();
        result.Message.Should().NotContain("tile");
    }

    [Fact]
    public void Compose_Layout_LocatesEveryTile()
    {
        var tiles = Enumerable.Range(0, 5).Select(i => RgbImage.Filled(3, 2, Rgb.Gray((byte)(40 * i)))).ToArray();

        var grid = TileGrid.Compose(tiles, columns: 3, scale: 2, gap: 1, captions: ["a", "b", "c", "d", "e"]);

        grid.Tiles.Should().NotBeNull();
        for (var i = 0; i < tiles.Length; i++)
        {
            var box = grid.Tiles!.Tile(i);
            ImageOps.Crop(grid, box).Pixels.ToArray().Should().OnlyContain(v => v == 40 * i, $"tile {i} lies at {box}");
        }
    }

    private static TempBaselines Accepted(out FilterReport clean)
    {
        var temp = new TempBaselines();
        clean = FilterReport.For(ShapesFixtures.Clean);
        Baseline.Check(Grid(clean), Name, temp.Settings with { Accept = true }).Outcome.Should().Be(BaselineOutcome.Accepted);
        return temp;
    }

    /// <summary>The grid picture alone: the metrics would catch these changes too, and this test is about the picture.</summary>
    private static Snapshot Grid(FilterReport report) => Snapshot.Of(new Dictionary<string, double>(), ("filters", report.ToSnapshot().Images["filters"]));

    private static float[] Edit(FilterReport report, int filter, string change)
    {
        var weights = Enumerable.Range(0, report.Layer.OutChannels).SelectMany(f => report.Weights(f).ToArray()).ToArray();
        var size = weights.Length / report.Layer.OutChannels;
        var span = weights.AsSpan(filter * size, size);
        var std = Math.Sqrt(span.ToArray().Select(w => (double)w * w).Average());
        var random = new Random(7);
        for (var i = 0; i < span.Length; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            span[i] = change == "zeroed" ? 0 : (float)(span[i] + (std * gaussian));
        }

        return weights;
    }
}
