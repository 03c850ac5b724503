using ModelAudit.Activations;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Activations;

public sealed class TopActivationsTests
{
    [Fact]
    public void Compute_FixtureRelu3_CropsPatchesToTheReceptiveField()
    {
        var top = new TopActivationSearch(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes, "relu3", new TopActivationOptions { K = 9, Channels = [1, 2, 3] });

        top.Field.Should().Be(new ReceptiveField(18, 18, 4, 4, -7, -7));
        top.Channels.Should().HaveCount(3).And.OnlyContain(row => row.Count == 9);
        foreach (var row in top.Channels)
        {
            row.Select(p => p.Value).Should().BeInDescendingOrder();
            row.Select(p => p.Probe).Should().OnlyHaveUniqueItems();
            row.Should().OnlyContain(p => p.Box == top.Field.InputBox(p.Row, p.Column) && p.Image.Width == 18 && p.Image.Height == 18);
        }

        // The patch is the probe's pixels under the box.
        var first = top.Channels[0][0];
        var probe = ShapesFixtures.Probes[first.Probe];
        var (x, y) = (Math.Clamp(first.Box.X + 9, 0, 63), Math.Clamp(first.Box.Y + 9, 0, 63));
        first.Image[x - first.Box.X, y - first.Box.Y].Should().Be(probe[x, y]);
    }

    [Fact]
    public void Compute_DeadChannel_HasNoPatches()
    {
        var top = new TopActivationSearch(ShapesFixtures.Defective).Compute(ShapesFixtures.Probes, "relu1", new TopActivationOptions { K = 4, Channels = [2, 3] });

        top.Channels[1].Should().BeEmpty();
        var grid = top.Render();
        grid.Width.Should().Be(2 + (4 * ((3 * 14) + 2)));
    }

    [Fact]
    public void ActivationGrid_Relu1_TilesEveryChannel()
    {
        var grid = ActivationGrid.Render(ShapesFixtures.Clean.Predict(ShapesFixtures.Probes[0], "relu1").Tap("relu1"));

        // 16 maps of 64×64 in a 4×4 grid with 2-pixel gaps.
        grid.Width.Should().Be(2 + (4 * 66));
        grid.Height.Should().Be(2 + (4 * 66));
        grid[2, 2].Should().NotBe(new Rgb(255, 255, 255));
    }
}
