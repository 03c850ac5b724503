using ModelAudit.Activations;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;
using ModelAudit.Visualisation;

namespace ModelAudit.Tests.Visualisation;

/// <summary>Deconvnet projections of top activations stay inside the receptive field of the seeded position.</summary>
public sealed class DeconvnetProjectionTests
{
    [Fact]
    public void Compute_CleanModelRelu3_ProjectionIsZeroOutsideTheReceptiveField()
    {
        var probes = ShapesFixtures.Probes.Take(16).ToArray();
        var top = new TopActivationSearch(ShapesFixtures.Clean).Compute(probes, "relu3", new TopActivationOptions { K = 3, Channels = [0, 1, 3, 4] });
        var projection = new DeconvnetProjection(ShapesFixtures.Clean);

        var result = projection.Compute(top, probes);

        result.Channels.Should().HaveCount(4);
        result.Channels.Select(r => r.Count).Should().Equal(top.Channels.Select(r => r.Count));
        var all = result.Channels.SelectMany(r => r).ToArray();
        all.Should().NotBeEmpty();
        foreach (var p in all)
        {
            OutsideMass(p).Should().Be(0, "channel {0} at ({1},{2}) of probe {3} only sees {4}", p.Patch.Channel, p.Patch.Row, p.Patch.Column, p.Patch.Probe, p.Patch.Box);
            p.Map.Sum().Should().BeGreaterThan(0);
            p.MassInsideField.Should().Be(1);
            p.Projection.Width.Should().Be(result.Field.Width);
        }
    }

    [Fact]
    public void Compute_PaddleOcrAfterSqueezeExcitation_StaysInsideTheReceptiveField()
    {
        var model = TestModels.PaddleOcr;
        var lines = TestModels.TextLines.Take(2).Select(TestModels.Line).ToArray();
        var layer = model.Graph.ConvLayers[8].Output;
        var top = new TopActivationSearch(model).Compute(lines, layer, new TopActivationOptions { K = 2, Channels = [0, 1, 2] });
        var projection = new DeconvnetProjection(model);

        var result = projection.Compute(top, lines);

        result.Channels.SelectMany(r => r).Should().NotBeEmpty().And.OnlyContain(p => OutsideMass(p) == 0 && p.Map.Sum() > 0);
    }

    [Fact]
    public void Compute_TinyConv_ProjectsTheKernelAtTheSeededPosition()
    {
        // One 2x2 conv with positive weights over a 1x4x4 grey input: the projection of output (1,2) is the kernel
        // times the activation, placed on input rows 1..2 and columns 2..3.
        var onnx = new TinyOnnx()
            .Input("x", 1, 1, 4, 4)
            .Weight("w", [1f, 2f, 3f, 4f], 1, 1, 2, 2)
            .Node("Conv", ["x", "w"], ["y"])
            .Node("Flatten", ["y"], ["scores"])
            .Output("scores", 1, 9)
            .Build();
        var model = AuditModel.Load(onnx, "tiny", InputSpec.FromScaleOffset(4, 4, ChannelOrder.Gray, [1f / 255], [0f]));
        var image = RgbImage.Filled(4, 4, new Rgb(255, 255, 255));
        var top = new TopActivationSearch(model).Compute([image], "y", new TopActivationOptions { K = 1 });
        var projection = new DeconvnetProjection(model);

        var p = projection.Compute(top, [image]).Channels[0][0];

        p.Patch.Value.Should().Be(10);
        var expected = new float[16];
        (expected[(p.Patch.Row * 4) + p.Patch.Column], expected[(p.Patch.Row * 4) + p.Patch.Column + 1]) = (10, 20);
        (expected[((p.Patch.Row + 1) * 4) + p.Patch.Column], expected[((p.Patch.Row + 1) * 4) + p.Patch.Column + 1]) = (30, 40);
        p.Map.Should().Equal(expected);
    }

    private static double OutsideMass(ActivationProjection p)
    {
        var outside = 0.0;
        for (var y = 0; y < p.Height; y++)
        {
            for (var x = 0; x < p.Width; x++)
            {
                outside += p.Patch.Box.Contains(x, y) ? 0 : p[x, y];
            }
        }

        return outside;
    }
}
