using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;
using ModelAudit.Texture;

namespace ModelAudit.Tests.Texture;

/// <summary>Style (Gram-matrix) and content reconstructions from noise on the shapes model: the loss falls, and the image takes the reference's statistics.</summary>
public sealed class ReconstructionTests(ITestOutputHelper output)
{
    private static readonly RgbImage Reference = ShapeDataset.Generate(1000, 1)[0].Image;

    [Fact]
    public void Style_Conv1_MatchesTheReferencesGramMatrixAndColours()
    {
        var result = new StyleReconstruction(ShapesFixtures.Clean).Compute(Reference, new ReconstructionOptions { Layers = ["conv1", "conv2"], Steps = 120 });

        output.WriteLine(result.ToString());
        result.FinalObjective.Should().BeLessThan(0.25 * result.ObjectiveValues[0], "the Gram loss falls by at least three quarters");
        var (reference, made) = (ImageOps.MeanColour(Reference), ImageOps.MeanColour(result.Image));
        output.WriteLine($"mean colour {reference} → {made}");
        static double Distance(Rgb a, Rgb b) => Math.Sqrt(Math.Pow(a.R - b.R, 2) + Math.Pow(a.G - b.G, 2) + Math.Pow(a.B - b.B, 2));
        Distance(made, reference).Should().BeLessThan(0.5 * Distance(Rgb.Gray(128), reference), "the texture's colours come from the reference, not the grey start");
        ImageCodec.EncodePng(result.Render()).Length.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Content_Conv1_RebuildsTheImage()
    {
        var result = new ContentReconstruction(ShapesFixtures.Clean).Compute(Reference, new ReconstructionOptions { Layers = ["conv1"], Steps = 120 });

        output.WriteLine(result.ToString());
        result.FinalObjective.Should().BeLessThan(0.1);
        Correlation(Reference, result.Image).Should().BeGreaterThan(0.8, "conv1 keeps nearly everything of the image");
    }

    [Fact]
    public void Style_SameSeed_SameImage()
    {
        var options = new ReconstructionOptions { Layers = ["conv1"], Steps = 5 };

        var a = new StyleReconstruction(ShapesFixtures.Clean).Compute(Reference, options);
        var b = new StyleReconstruction(ShapesFixtures.Clean).Compute(Reference, options);

        b.Image.Pixels.ToArray().Should().Equal(a.Image.Pixels.ToArray());
        b.ObjectiveValues.Should().Equal(a.ObjectiveValues);
    }

    [Fact]
    public void Style_CoarseToFine_FallsAsFarWithLessPixelNoise()
    {
        var options = new ReconstructionOptions { Layers = ["conv1", "conv2"], Steps = 120 };

        var plain = new StyleReconstruction(ShapesFixtures.Clean).Compute(Reference, options);
        var coarse = new StyleReconstruction(ShapesFixtures.Clean).Compute(Reference, options with { Levels = 3 });

        output.WriteLine($"pixel by pixel: {plain.ObjectiveValues[0]:0.###} → {plain.FinalObjective:0.####}, neighbour difference {NeighbourDifference(plain.Image):0.0}");
        output.WriteLine($"coarse to fine: {coarse.ObjectiveValues[0]:0.###} → {coarse.FinalObjective:0.####}, neighbour difference {NeighbourDifference(coarse.Image):0.0}");
        coarse.FinalObjective.Should().BeLessThan(0.25 * coarse.ObjectiveValues[0], "the Gram loss falls by at least three quarters coarse to fine too");
        NeighbourDifference(coarse.Image).Should().BeLessThan(NeighbourDifference(plain.Image), "blocks settle before pixels, leaving less pixel noise");
    }

    [Fact]
    public void BlockAverage_ThreeByThreeInBlocksOfTwo_AveragesEachTileEdgesIncluded()
    {
        var spec = ModelAudit.Models.InputSpec.FromMeanStd(3, 3, ModelAudit.Models.ChannelOrder.Rgb, [0f], [1f]);
        var values = new float[27];
        for (var i = 0; i < 9; i++)
        {
            values[i] = i; // channel 0: 0 1 2 / 3 4 5 / 6 7 8
        }

        FeatureInversion.BlockAverage(spec, values, 2);

        // Tiles: {0,1,3,4} → 2, {2,5} → 3.5, {6,7} → 6.5, {8} → 8.
        values.Take(9).Should().Equal(2f, 2f, 3.5f, 2f, 2f, 3.5f, 6.5f, 6.5f, 8f);
    }

    [Fact]
    public void Options_LevelsOutOfRange_NameTheProperty()
    {
        var act = () => new StyleReconstruction(ShapesFixtures.Clean).Compute(Reference, new ReconstructionOptions { Layers = ["conv1"], Levels = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Levels must lie in [1, 8]; got 0.*");
    }

    /// <summary>Mean absolute difference between horizontally neighbouring pixel values.</summary>
    private static double NeighbourDifference(RgbImage image)
    {
        var (pixels, width) = (image.Pixels.ToArray(), image.Width * 3);
        var (sum, count) = (0.0, 0);
        for (var row = 0; row < image.Height; row++)
        {
            for (var x = 3; x < width; x++)
            {
                sum += Math.Abs(pixels[(row * width) + x] - pixels[(row * width) + x - 3]);
                count++;
            }
        }

        return sum / count;
    }

    private static double Correlation(RgbImage a, RgbImage b)
    {
        var x = a.Pixels.ToArray().Select(v => (double)v).ToArray();
        var y = b.Pixels.ToArray().Select(v => (double)v).ToArray();
        double mx = x.Average(), my = y.Average(), xy = 0, xx = 0, yy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            xy += (x[i] - mx) * (y[i] - my);
            xx += (x[i] - mx) * (x[i] - mx);
            yy += (y[i] - my) * (y[i] - my);
        }

        return xy / Math.Sqrt(xx * yy);
    }
}
