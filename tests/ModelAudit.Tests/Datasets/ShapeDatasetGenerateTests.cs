using ModelAudit.Datasets;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Datasets;

public sealed class ShapeDatasetGenerateTests
{
    private static readonly ShapeDatasetOptions Marked = new() { ShortcutMark = true };
    private static readonly ShapeDatasetOptions Reserved = new() { ReserveMarkCorner = true };

    [Fact]
    public void Generate_SameSeed_GivesIdenticalSamples()
    {
        var a = ShapeDataset.Generate(7, 24);
        var b = ShapeDataset.Generate(7, 24);

        for (var i = 0; i < a.Count; i++)
        {
            a[i].Image.Pixels.SequenceEqual(b[i].Image.Pixels).Should().BeTrue($"sample {i} must not depend on anything but the seed");
            a[i].Mask.Should().Be(b[i].Mask);
            a[i].Box.Should().Be(b[i].Box);
            a[i].Id.Should().Be(b[i].Id);
        }
    }

    [Fact]
    public void Generate_DifferentSeeds_GiveDifferentImages()
    {
        var a = ShapeDataset.Generate(1, 8);
        var b = ShapeDataset.Generate(2, 8);

        Enumerable.Range(0, 8).Count(i => a[i].Image.Pixels.SequenceEqual(b[i].Image.Pixels)).Should().Be(0);
    }

    [Fact]
    public void Generate_LongerRun_StartsWithTheShorterRun()
    {
        var shorter = ShapeDataset.Generate(1000, 5);
        var longer = ShapeDataset.Generate(1000, 50);

        for (var i = 0; i < shorter.Count; i++)
        {
            shorter[i].Image.Pixels.SequenceEqual(longer[i].Image.Pixels).Should().BeTrue($"sample {i} must not depend on the count");
        }
    }

    [Fact]
    public void Generate_Ids_NameSeedAndIndex()
    {
        var samples = ShapeDataset.Generate(1, 43);

        samples[42].Id.Should().Be("s1-000042");
        samples.Select(s => s.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Generate_Labels_AreBalancedAndNamed()
    {
        var samples = ShapeDataset.Generate(3, 200);

        samples.GroupBy(s => s.Label).Select(g => g.Count()).Should().Equal(50, 50, 50, 50);
        samples.Should().OnlyContain(s => s.ClassName == ShapeDataset.ClassNames[s.Label] && (int)s.Kind == s.Label);
        ShapeDataset.ClassNames.Should().Equal("circle", "square", "triangle", "cross");
    }

    [Fact]
    public void Generate_Masks_AreExactAndBoxedTightly()
    {
        foreach (var sample in ShapeDataset.Generate(5, 40))
        {
            sample.Mask.Area.Should().BeGreaterThan(0);
            sample.Box.Should().Be(sample.Mask.Bounds, $"the box of {sample.Id} is the tight bounds of its mask");
            var colour = ObjectColour(sample);
            for (var y = 0; y < sample.Image.Height; y++)
            {
                for (var x = 0; x < sample.Image.Width; x++)
                {
                    if (sample.Mask.Contains(x, y))
                    {
                        sample.Box.Contains(x, y).Should().BeTrue();
                        sample.Image[x, y].Should().Be(colour, $"every pixel of the {sample.ClassName} in {sample.Id} has the object's colour");
                    }
                }
            }
        }
    }

    [Fact]
    public void Generate_Object_ContrastsWithItsSurroundings()
    {
        foreach (var sample in ShapeDataset.Generate(11, 80))
        {
            var colour = ObjectColour(sample);
            var ring = sample.Box.Inflate(2, sample.Image.Bounds);
            int outside = 0, contrasting = 0;
            for (var y = ring.Y; y < ring.Bottom; y++)
            {
                for (var x = ring.X; x < ring.Right; x++)
                {
                    if (!sample.Mask.Contains(x, y))
                    {
                        outside++;
                        contrasting += Math.Abs(Luminance(sample.Image[x, y]) - Luminance(colour)) >= 30 ? 1 : 0;
                    }
                }
            }

            contrasting.Should().BeGreaterThan(outside * 9 / 10, $"the {sample.ClassName} in {sample.Id} must stand out from the background");
        }
    }

    [Fact]
    public void Generate_Shapes_HaveTheirExpectedFill()
    {
        // Fraction of the placement square a shape covers: square 1, circle pi/4, triangle 1/2, cross about 0.5.
        var samples = ShapeDataset.Generate(9, 80);

        foreach (var s in samples)
        {
            var fill = (double)s.Mask.Area / s.Box.Area;
            var expected = s.Kind switch
            {
                ShapeKind.Square => (1.0, 1.0),
                ShapeKind.Circle => (0.74, 0.83),
                ShapeKind.Triangle => (0.45, 0.58),
                _ => (0.45, 0.60),
            };
            fill.Should().BeInRange(expected.Item1, expected.Item2, $"{s.Id} is a {s.ClassName} of box {s.Box}");
        }
    }

    [Fact]
    public void Generate_WithoutMarkOption_DrawsNoMark()
    {
        ShapeDataset.Generate(1, 20).Should().OnlyContain(s => s.Mark == null);
        ShapeDataset.Generate(1, 20, Reserved).Should().OnlyContain(s => s.Mark == null);
    }

    [Fact]
    public void Generate_ShortcutMark_DrawsClassCheckerAtItsBox()
    {
        var samples = ShapeDataset.Generate(4, 40, Marked);

        foreach (var s in samples)
        {
            s.Mark.Should().Be(ShapeDataset.MarkBox);
            var box = ShapeDataset.MarkBox;
            var a = s.Image[box.X, box.Y];
            var b = s.Image[box.X + 2, box.Y];
            a.Should().NotBe(b);
            for (var y = box.Y; y < box.Bottom; y++)
            {
                for (var x = box.X; x < box.Right; x++)
                {
                    var even = (((x - box.X) / 2) + ((y - box.Y) / 2)) % 2 == 0;
                    s.Image[x, y].Should().Be(even ? a : b, $"the mark of {s.Id} is a checker of 2x2 cells");
                }
            }
        }

        samples.Select(s => s.Image[2, 2]).Distinct().Should().HaveCount(4, "each class has its own mark colours");
        samples.GroupBy(s => s.Label).Should().OnlyContain(g => g.Select(s => s.Image[2, 2]).Distinct().Count() == 1);
    }

    [Fact]
    public void Generate_MarkedAndReserved_DifferOnlyInsideTheMark()
    {
        var marked = ShapeDataset.Generate(1000, 12, Marked);
        var reserved = ShapeDataset.Generate(1000, 12, Reserved);

        for (var i = 0; i < marked.Count; i++)
        {
            marked[i].Mask.Should().Be(reserved[i].Mask);
            for (var y = 0; y < 64; y++)
            {
                for (var x = 0; x < 64; x++)
                {
                    if (!ShapeDataset.MarkBox.Contains(x, y))
                    {
                        marked[i].Image[x, y].Should().Be(reserved[i].Image[x, y], $"pixel ({x},{y}) of {marked[i].Id} lies outside the mark");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Generate_MarkCornerKeptFree_ObjectNeverEntersIt(bool mark)
    {
        var options = new ShapeDatasetOptions { ShortcutMark = mark, ReserveMarkCorner = !mark };
        var corner = ShapeDataset.MarkCorner;

        foreach (var s in ShapeDataset.Generate(21, 200, options))
        {
            PixelBox.Intersect(s.Box, corner).Area.Should().Be(0, $"the object of {s.Id} at {s.Box} must stay out of the corner {corner}");
        }
    }

    [Fact]
    public void Generate_Sizes_StayWithinOptions()
    {
        var options = new ShapeDatasetOptions { Size = 48, MinObjectSize = 10, MaxObjectSize = 20 };

        foreach (var s in ShapeDataset.Generate(2, 60, options))
        {
            s.Image.Width.Should().Be(48);
            s.Box.Width.Should().BeInRange(9, 20);
            s.Box.X.Should().BeGreaterThanOrEqualTo(1);
            s.Box.Right.Should().BeLessThanOrEqualTo(47);
        }
    }

    [Fact]
    public void Generate_FlatBackgroundWithoutNoise_HasTwoColours()
    {
        var options = new ShapeDatasetOptions { TexturedBackground = false, NoiseLevel = 0 };

        foreach (var s in ShapeDataset.Generate(8, 8, options))
        {
            var colours = new HashSet<Rgb>();
            for (var y = 0; y < 64; y++)
            {
                for (var x = 0; x < 64; x++)
                {
                    colours.Add(s.Image[x, y]);
                }
            }

            colours.Should().HaveCount(2);
        }
    }

    [Theory]
    [InlineData(8, 18, 40, 12, 80, "Size")]
    [InlineData(64, 4, 40, 12, 80, "MinObjectSize")]
    [InlineData(64, 30, 20, 12, 80, "MaxObjectSize (20)")]
    [InlineData(64, 18, 63, 12, 80, "use at most 62")]
    [InlineData(64, 18, 40, 65, 80, "NoiseLevel")]
    [InlineData(64, 18, 40, -1, 80, "NoiseLevel")]
    [InlineData(64, 18, 40, 12, 120, "MinContrast")]
    public void Generate_BadOptions_AreRejectedWithTheValue(int size, int min, int max, int noise, int contrast, string named)
    {
        var options = new ShapeDatasetOptions { Size = size, MinObjectSize = min, MaxObjectSize = max, NoiseLevel = noise, MinContrast = contrast };

        var act = () => ShapeDataset.Generate(1, 1, options);

        act.Should().Throw<ArgumentException>().WithMessage($"*{named}*");
    }

    [Fact]
    public void Generate_ObjectTooLargeBesideMarkCorner_IsRejected()
    {
        var act = () => ShapeDataset.Generate(1, 1, new ShapeDatasetOptions { MaxObjectSize = 55, ShortcutMark = true });

        act.Should().Throw<ArgumentException>().WithMessage("*MaxObjectSize (55)*mark corner*use at most 49*");
    }

    [Fact]
    public void Generate_NegativeSeedOrCount_IsRejected()
    {
        FluentActions.Invoking(() => ShapeDataset.Generate(-1, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("seed");
        FluentActions.Invoking(() => ShapeDataset.Generate(1, -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count");
        ShapeDataset.Generate(1, 0).Should().BeEmpty();
    }

    private static Rgb ObjectColour(ShapeSample sample)
    {
        var box = sample.Box;
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                if (sample.Mask.Contains(x, y))
                {
                    return sample.Image[x, y];
                }
            }
        }

        throw new InvalidOperationException($"{sample.Id} has an empty mask.");
    }

    private static double Luminance(Rgb c) => (0.299 * c.R) + (0.587 * c.G) + (0.114 * c.B);
}
