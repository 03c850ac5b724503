using ModelAudit.Imaging;

namespace ModelAudit.Tests.Imaging;

public sealed class MapSsimTests
{
    private const int Size = 16;

    [Fact]
    public void Compute_HalfAsStrongMap_DiffersOnlyOverTheCommonRange()
    {
        var map = Ramp(1);
        var weaker = Ramp(0.5f);

        MapSsim.Compute(map, weaker, Size, Size, GreyRange.PerMap).Should().Be(1.0, "each map is stretched over its own range");
        MapSsim.Compute(map, weaker, Size, Size, GreyRange.Common).Should().BeLessThan(0.98, "the weaker map reads darker");
    }

    [Fact]
    public void Compute_TwoFlatMaps_IsOne()
    {
        var flat = Enumerable.Repeat(0.25f, Size * Size).ToArray();

        MapSsim.Compute(flat, flat, Size, Size, GreyRange.Common).Should().Be(1.0);
        MapSsim.Compute(flat, flat, Size, Size, GreyRange.PerMap).Should().Be(1.0);
    }

    [Fact]
    public void Compute_WrongLength_NamesTheSizes()
    {
        var act = () => MapSsim.Compute(Ramp(1), new float[3], Size, Size, GreyRange.Common);

        act.Should().Throw<ArgumentException>().WithMessage("*16x16*256*3*");
    }

    private static float[] Ramp(float scale) =>
        Enumerable.Range(0, Size * Size).Select(i => scale * ((i % Size) + (i / Size))).ToArray();
}
