using ModelAudit.Filters;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Filters;

public sealed class FilterReportTests
{
    private static readonly InputSpec Rgb4 = InputSpec.FromScaleOffset(4, 4, ChannelOrder.Rgb, [1f / 255], [0]);

    // Conv 3×3 pad 1, then global average pool and flatten: the conv's channels are the class scores,
    // so the model meets the classifier contract.
    private static AuditModel Model(float[] weights, int outChannels, int group = 1, bool constantNode = false)
    {
        var perGroup = 3 / group;
        var tiny = new TinyOnnx().Input("x", -1, 3, 4, 4);
        tiny = constantNode ? tiny.ConstantNode("w", weights, outChannels, perGroup, 3, 3) : tiny.Weight("w", weights, outChannels, perGroup, 3, 3);
        var bytes = tiny
            .Node("Conv", ["x", "w"], ["conv"], TinyOnnx.Ints("pads", 1, 1, 1, 1), TinyOnnx.Int("group", group))
            .Node("GlobalAveragePool", ["conv"], ["gap"])
            .Node("Flatten", ["gap"], ["logits"], TinyOnnx.Int("axis", 1))
            .Output("logits", -1, outChannels)
            .Build();
        return AuditModel.Load(bytes, "tiny-conv.onnx", Rgb4);
    }

    private static float[] Filter(Func<int, int, int, float> w) =>
        [.. Enumerable.Range(0, 27).Select(i => w(i / 9, (i / 3) % 3, i % 3))];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void For_PlantedFilters_FindsDeadNoisyAndDuplicates(bool constantNode)
    {
        var smooth = Filter((c, y, x) => 1 + (0.1f * x) + (0.2f * c));
        var edge = Filter((c, y, x) => x - 1);
        var checker = Filter((c, y, x) => (x + y) % 2 == 0 ? 1 : -1);
        var dead = new float[27];
        var flipped = smooth.Select(w => -3 * w).ToArray();
        using var model = Model([.. smooth, .. edge, .. checker, .. dead, .. flipped], 5, constantNode: constantNode);

        var report = FilterReport.For(model);

        report.Layer.NodeName.Should().Be("conv");
        report.DeadFilters.Should().Equal(3);
        report.NoisyFilters.Should().Equal(2);
        var pair = report.DuplicatePairs.Should().ContainSingle().Subject;
        (pair.First, pair.Second).Should().Be((0, 4));
        pair.Cosine.Should().BeApproximately(-1, 1e-6);
        report.Filters[0].DuplicateOf.Should().Equal(4);
        report.Filters[2].TotalVariation.Should().Be(1);
        report.Filters[1].TotalVariation.Should().BeApproximately(6.0 / 14, 1e-9);
        report.Filters[3].Norm.Should().Be(0);
    }

    [Fact]
    public void For_GroupedConv_ComparesFiltersWithinTheirGroupOnly()
    {
        // group 3, one input channel per group, two filters per group: filters 0 and 2 are equal but read different channels.
        float[] a = [0, 1, 0, 1, 2, 1, 0, 1, 0];
        float[] b = [1, 0, -1, 2, 0, -2, 1, 0, -1];
        using var model = Model([.. a, .. b, .. a, .. a, .. b, .. b], 6, group: 3);

        var report = FilterReport.For(model);

        report.Layer.Group.Should().Be(3);
        report.Filters.Should().HaveCount(6);
        report.DuplicatePairs.Select(p => (p.First, p.Second)).Should().Equal((2, 3), (4, 5));
    }

    [Fact]
    public void For_BadThreshold_NamesIt()
    {
        using var model = Model(Filter((c, y, x) => 1), 1);

        var act = () => FilterReport.For(model, options: new FilterOptions { DuplicateCosine = 1.5 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*DuplicateCosine*1.5*");
    }

    [Theory]
    [InlineData(double.NaN, 0.2, "MinSmoothnessZ")]
    [InlineData(0.5, 1.5, "MinRelativeSmoothness")]
    public void For_BadNoiseThreshold_NamesIt(double minZ, double relative, string property)
    {
        using var model = Model(Filter((c, y, x) => 1), 1);

        var act = () => FilterReport.For(model, options: new FilterOptions { MinSmoothnessZ = minZ, MinRelativeSmoothness = relative });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*{property}*");
    }

    [Fact]
    public void ToSnapshot_TinyModel_HasGridAndCounts()
    {
        using var model = Model([.. Filter((c, y, x) => x), .. new float[27]], 2);

        var snapshot = FilterReport.For(model).ToSnapshot();

        snapshot.Metrics["dead_count"].Should().Be(1);
        snapshot.Metrics.Should().ContainKey("filter1.tv").And.ContainKey("filter0.z").And.ContainKey("noisy_threshold");
        // Two 3×3 tiles upscaled ×8 with 3-pixel gaps.
        snapshot.Images["filters"].Width.Should().Be(3 + (2 * (24 + 3)));
    }
}
