using ModelAudit.Datasets;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Datasets;

/// <summary>Objects filled with a texture that names their class, or another class's: the same scenes as the solid set, textured inside the mask only.</summary>
public sealed class ShapeDatasetTextureTests
{
    private static readonly ShapeDatasetOptions Textured = new() { ObjectFill = ObjectFill.PerClassTexture };

    [Fact]
    public void Generate_PerClassTexture_SameSeedGivesTheSamePixels()
    {
        var a = ShapeDataset.Generate(7, 24, Textured);
        var b = ShapeDataset.Generate(7, 24, Textured);

        Enumerable.Range(0, a.Count).Where(i => !a[i].Image.Pixels.SequenceEqual(b[i].Image.Pixels)).Should().BeEmpty("a sample depends on nothing but the seed");
    }

    [Fact]
    public void Generate_PerClassTexture_DiffersFromSolidOnlyInsideTheMask()
    {
        var solid = ShapeDataset.Generate(1000, 24);
        var textured = ShapeDataset.Generate(1000, 24, Textured);

        for (var i = 0; i < solid.Count; i++)
        {
            textured[i].Mask.Should().Be(solid[i].Mask);
            (textured[i].Label, textured[i].Box, textured[i].Id).Should().Be((solid[i].Label, solid[i].Box, solid[i].Id));
            var changed = 0;
            for (var y = 0; y < 64; y++)
            {
                for (var x = 0; x < 64; x++)
                {
                    if (!solid[i].Mask.Contains(x, y))
                    {
                        textured[i].Image[x, y].Should().Be(solid[i].Image[x, y], $"pixel ({x},{y}) of {solid[i].Id} lies outside the object");
                    }
                    else if (textured[i].Image[x, y] != solid[i].Image[x, y])
                    {
                        changed++;
                    }
                }
            }

            changed.Should().BeGreaterThan(solid[i].Mask.Area / 10, $"the {solid[i].ClassName} of {solid[i].Id} is textured, not solid");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Generate_TextureClassOffset_FillsEachObjectWithThePatternOfTheClassThatManyOn(int offset)
    {
        foreach (var s in ShapeDataset.Generate(5, 40, Textured with { TextureClassOffset = offset }))
        {
            var texture = (ShapeKind)((s.Label + offset) % 4);
            var (first, second) = (new HashSet<Rgb>(), new HashSet<Rgb>());
            for (var y = 0; y < 64; y++)
            {
                for (var x = 0; x < 64; x++)
                {
                    if (s.Mask.Contains(x, y))
                    {
                        (Pattern(texture, x, y) ? second : first).Add(s.Image[x, y]);
                    }
                }
            }

            first.Should().ContainSingle($"the {s.ClassName} {s.Id} wears the {texture} texture: one colour off the pattern");
            second.Should().ContainSingle($"and one on it").Which.Should().NotBe(first.Single());
            Difference(first.Single(), second.Single()).Should().BeGreaterThanOrEqualTo(150, "the two colours differ plainly");
        }
    }

    [Fact]
    public void Generate_PerClassTexture_BothColoursStandOutFromTheBackground()
    {
        foreach (var s in ShapeDataset.Generate(11, 80, Textured))
        {
            var ring = s.Box.Inflate(2, s.Image.Bounds);
            var colours = Enumerable.Range(0, 64 * 64).Where(p => s.Mask.Contains(p % 64, p / 64)).Select(p => s.Image[p % 64, p / 64]).Distinct().ToArray();
            colours.Should().HaveCount(2);
            foreach (var colour in colours)
            {
                int outside = 0, contrasting = 0;
                for (var y = ring.Y; y < ring.Bottom; y++)
                {
                    for (var x = ring.X; x < ring.Right; x++)
                    {
                        if (!s.Mask.Contains(x, y))
                        {
                            outside++;
                            contrasting += Math.Abs(Luminance(s.Image[x, y]) - Luminance(colour)) >= 30 ? 1 : 0;
                        }
                    }
                }

                contrasting.Should().BeGreaterThan(outside * 9 / 10, $"colour {colour} of the {s.ClassName} in {s.Id} must stand out from the background");
            }
        }
    }

    [Fact]
    public void Generate_SolidWithATextureOffset_DrawsThePlainImages()
    {
        var plain = ShapeDataset.Generate(1000, 12);
        var solid = ShapeDataset.Generate(1000, 12, new ShapeDatasetOptions { TextureClassOffset = 2 });

        Enumerable.Range(0, plain.Count).Where(i => !solid[i].Image.Pixels.SequenceEqual(plain[i].Image.Pixels)).Should().BeEmpty("the offset picks a texture, and solid objects have none");
    }

    [Theory]
    [InlineData(4, 0, "*TextureClassOffset must lie in [0, 3]*but was 4*")]
    [InlineData(-1, 0, "*TextureClassOffset must lie in [0, 3]*but was -1*")]
    [InlineData(0, 5, "*ObjectFill must be Solid or PerClassTexture, but was 5*")]
    public void Generate_BadTextureOptions_AreRejectedWithTheValue(int offset, int fill, string message)
    {
        var act = () => ShapeDataset.Generate(1, 1, new ShapeDatasetOptions { ObjectFill = (ObjectFill)fill, TextureClassOffset = offset });

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    /// <summary>The patterns as documented on <see cref="ObjectFill.PerClassTexture"/>, worked out independently of the generator.</summary>
    private static bool Pattern(ShapeKind kind, int x, int y) => kind switch
    {
        ShapeKind.Circle => y % 4 >= 2,
        ShapeKind.Square => x % 4 >= 2,
        ShapeKind.Triangle => (x % 4 >= 2) != (y % 4 >= 2),
        _ => x % 5 < 2 && y % 5 < 2,
    };

    private static int Difference(Rgb a, Rgb b) => Math.Abs(a.R - b.R) + Math.Abs(a.G - b.G) + Math.Abs(a.B - b.B);

    private static double Luminance(Rgb c) => (0.299 * c.R) + (0.587 * c.G) + (0.114 * c.B);
}
