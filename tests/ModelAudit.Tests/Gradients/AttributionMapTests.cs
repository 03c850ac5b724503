using ModelAudit.Gradients;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Gradients;

/// <summary>The public constructor wraps a map made elsewhere, and says what is wrong with one it cannot take.</summary>
public sealed class AttributionMapTests
{
    private static readonly RgbImage Image = RgbImage.Filled(3, 2, new Rgb(10, 20, 30));

    [Fact]
    public void Constructor_ValuesOfTheImagesSize_WrapsACopy()
    {
        var values = new float[] { 0, 1, 2, 3, 9, 5 };

        var map = new AttributionMap("lime", Image, "class 1", values);
        values[4] = -1;

        (map.Method, map.TargetName, map.TargetClass, map.Width, map.Height, map.Peak).Should().Be(("lime", "class 1", -1, 3, 2, (1, 1)));
        map.Values.Should().Equal(0, 1, 2, 3, 9, 5);
        float.IsNaN(map.Score).Should().BeTrue();
    }

    [Fact]
    public void Constructor_WrongCountOrNonFiniteValues_Throws()
    {
        var wrongCount = () => new AttributionMap("lime", Image, "class 1", new float[5]);
        var notFinite = () => new AttributionMap("lime", Image, "class 1", [0, 1, float.NaN, 3, 4, 5]);

        wrongCount.Should().Throw<ArgumentException>().WithMessage("A 3x2 map needs 6 values, got 5.*");
        notFinite.Should().Throw<ArgumentException>().WithMessage("Map values must be finite, but value 2 is NaN.*");
    }
}
