using ModelAudit.Assertions;
using ModelAudit.Invariance;

namespace ModelAudit.Tests.Invariance;

/// <summary>Zeiler and Fergus' finding on the clean fixture: small shifts move layer 1 a lot, the top little, the output not at all.</summary>
public sealed class CleanModelInvarianceTests
{
    [Fact]
    public void Compute_SmallShifts_KeepTop1()
    {
        var curve = InvarianceModels.CleanShift;

        curve.Should().KeepTop1Within(-4, 4, minAgreement: 0.9);
        curve.LargestRangeKeepingTop1(0.9).Should().Be(new ValueRange(-4, 4));
        curve.Should().StayAbove(0.8, from: -4, to: 4);
    }

    [Fact]
    public void Compute_SmallShifts_ChangeTheFirstLayerMoreThanThePenultimate()
    {
        var curve = InvarianceModels.CleanShift;

        curve.Layers.Should().Equal("conv1", "penultimate");
        curve.Should().ChangeLessAtLayer(curve.TopLayer, than: curve.FirstLayer);
        foreach (var shift in new[] { -4.0, -2, -1, 1, 2, 4 })
        {
            curve.DistanceAt("conv1", shift).Should().BeGreaterThan(2 * curve.DistanceAt("penultimate", shift), $"at a shift of {shift} px");
        }

        // Grows faster: from one to four pixels, layer 1 gains more distance than the penultimate layer.
        (curve.DistanceAt("conv1", 4) - curve.DistanceAt("conv1", 1)).Should()
            .BeGreaterThan(curve.DistanceAt("penultimate", 4) - curve.DistanceAt("penultimate", 1));
    }

    [Fact]
    public void ChangeLessAtLayer_Reversed_FailsWithBothDistances()
    {
        var curve = InvarianceModels.CleanShift;

        var act = () => curve.Should().ChangeLessAtLayer(curve.FirstLayer, than: curve.TopLayer);

        act.Should().Throw<Exception>().Which.Message.Should()
            .Contain("to change less at conv1 than at penultimate").And.Contain("but found a mean normalised distance of").And.Contain("-4: ");
    }

    [Fact]
    public void Compute_Rotation_DoesNotKeepTop1OfTheShapesModel()
    {
        var images = InvarianceModels.HeldOut.Take(12).Select(s => s.Image).ToArray();

        var curve = new InvarianceSweep(InvarianceModels.Clean).Compute(Transform.Rotate(0, 45, 15), images);

        var act = () => curve.Should().KeepTop1Within(0, 45, minAgreement: 0.9);
        act.Should().Throw<Exception>().Which.Message.Should().Contain("but found agreement below it at 15");
        curve.TargetsFromLabels.Should().BeFalse();
    }
}
