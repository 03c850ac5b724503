using ModelAudit.Occlusion.Incremental;

namespace ModelAudit.Tests.Occlusion;

/// <summary>Projective fields and crops along one axis, worked by hand.</summary>
public sealed class AxisWindowTests
{
    // A 3-wide window, stride 2, one position of padding before: output o reads inputs [2o − 1, 2o + 1].
    private static readonly AxisWindow Pool = new(Extent: 3, Stride: 2, PadBegin: 1, InputLength: 10, OutputLength: 5);

    [Theory]
    [InlineData(4, 5, 2, 3)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(9, 9, 4, 4)]
    [InlineData(1, 1, 0, 1)]
    [InlineData(0, 9, 0, 4)]
    public void Affected_ChangedInputs_AreTheOutputsThatReadThem(int lo, int hi, int first, int last)
    {
        Pool.Affected(new Interval(lo, hi)).Should().Be(new Interval(first, last));
    }

    [Fact]
    public void Affected_NothingChanged_IsEmpty()
    {
        Pool.Affected(Interval.Empty).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Crop_OutputsTwoAndThree_ReadInputsThreeToSeven()
    {
        (Pool.CropStart(2), Pool.CropLength(2)).Should().Be((3, 5));
    }

    [Fact]
    public void Crop_FirstOutput_StartsInThePadding()
    {
        Pool.CropStart(0).Should().Be(-1);
    }

    [Fact]
    public void Cap_LongerRange_KeepsTheCentralPositions()
    {
        new Interval(2, 11).Cap(4).Should().Be(new Interval(5, 8));
    }
}
