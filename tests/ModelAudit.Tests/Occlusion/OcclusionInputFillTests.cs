using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>Fills given in the model's input space: written into the tensor after normalisation.</summary>
public sealed class OcclusionInputFillTests
{
    [Fact]
    public void Compute_InputValue_WritesTheValueIntoTheTensor()
    {
        // LinearGrayModel: P(class 0) = σ(Σ w·x) with x the tensor value. A window set to 0.5 in input space is a
        // gray level of 127.5, which no byte colour can give.
        var weights = new float[] { 1, -2, 3, 0.5f, -1, 2, 0.25f, 1, -0.5f };
        using var model = LinearGrayModel.Create(3, 3, weights);
        var image = RgbImage.Create(3, 3, (x, y) => Rgb.Gray((byte)(20 * ((3 * y) + x))));

        var map = new OcclusionSensitivity(model).Compute(image, new OcclusionOptions { Window = 2, Stride = 1, Target = 0, Fill = OcclusionFill.InputValue(0.5f) });

        foreach (var window in map.Windows)
        {
            var z = 0.0;
            for (var i = 0; i < 9; i++)
            {
                z += weights[i] * (window.Box.Contains(i % 3, i / 3) ? 0.5 : image[i % 3, i / 3].R / 255.0);
            }

            window.Probability.Should().BeApproximately(1 / (1 + Math.Exp(-z)), 1e-5, $"window {window.Box}");
        }
    }

    [Fact]
    public void Compute_NormalisedZeroOnAMeanStdSpec_EqualsTheDatasetMeanColour()
    {
        // With mean 0.5 / std 0.5 the normalised zero is pixel 127.5 per channel; against the byte colour 128 the
        // difference is half a gray level, far below what the shapes model's maps show.
        var zero = new OcclusionSensitivity(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes[0], new OcclusionOptions { Fill = OcclusionFill.NormalisedZero });
        var grey = new OcclusionSensitivity(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes[0], new OcclusionOptions { Fill = OcclusionFill.MidGray });

        zero.Options.Fill.ToString().Should().Be("normalised zero (input value 0)");
        zero.Windows.Select(w => w.Probability).Should().Equal(grey.Windows.Select(w => w.Probability), (a, b) => Math.Abs(a - b) < 0.02);
    }

    [Fact]
    public void Compute_InputValueWithTwoValuesForThreeChannels_ThrowsNamingTheCount()
    {
        var act = () => new OcclusionSensitivity(ShapesFixtures.Clean).Compute(ShapesFixtures.Probes[0], new OcclusionOptions { Fill = OcclusionFill.InputValue(0, 1) });

        act.Should().Throw<ArgumentException>().WithMessage("*input-value fill has 2 values; the model has 3 channels*");
    }

    [Fact]
    public void InputValue_EqualValues_AreEqualFills()
    {
        OcclusionFill.InputValue(0.1f, 0.2f, 0.3f).Should().Be(OcclusionFill.InputValue(0.1f, 0.2f, 0.3f));
        OcclusionFill.InputValue(0).Should().Be(OcclusionFill.NormalisedZero);
        OcclusionFill.InputValue(1).Should().NotBe(OcclusionFill.NormalisedZero);
    }
}
