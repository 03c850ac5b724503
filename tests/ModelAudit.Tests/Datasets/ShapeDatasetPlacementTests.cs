using System.Security.Cryptography;
using System.Text;
using ModelAudit.Datasets;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Datasets;

/// <summary>Where the shortcut mark goes: the corner, in colours that name the class, or one checker at a place per class.</summary>
public sealed class ShapeDatasetPlacementTests
{
    private static readonly ShapeDatasetOptions PerClass = new() { ShortcutMark = true, MarkPlacement = MarkPlacement.PerClass };
    private static readonly ShapeDatasetOptions PerClassReserved = new() { ReserveMarkCorner = true, MarkPlacement = MarkPlacement.PerClass };
    private static readonly ShapeKind[] Kinds = Enum.GetValues<ShapeKind>();

    // The committed fixture models, their reference logits and the baselines were made from these pixels, so the
    // default options must keep drawing them bit for bit. Fingerprints taken before MarkPlacement existed.
    [Theory]
    [InlineData(false, false, "5864a4d4682b9663624fb6e2374a662bf31fc97366a2c087ed2ecbaa7cefdb56")]
    [InlineData(true, false, "5c548d1858ec829eac37762df459d8c51425fdd7cc6b0ef7dc810232d819e71f")]
    [InlineData(false, true, "db99a0617ca627fa0c61d67a8ddadf7667415f44ae979d3b96daec950c010bd4")]
    public void Generate_CornerPlacement_DrawsThePixelsTheFixturesWereMadeFrom(bool mark, bool reserve, string sha256)
    {
        var options = new ShapeDatasetOptions { ShortcutMark = mark, ReserveMarkCorner = reserve };

        Fingerprint(ShapeDataset.Generate(1000, 200, options)).Should().Be(sha256, $"held-out samples with {options} must not change");
    }

    [Fact]
    public void Generate_PlacementWithoutMark_DrawsPlainImages()
    {
        var placed = ShapeDataset.Generate(1000, 40, new ShapeDatasetOptions { MarkPlacement = MarkPlacement.PerClass });

        Fingerprint(placed).Should().Be(Fingerprint(ShapeDataset.Generate(1000, 40)));
    }

    [Fact]
    public void MarkBoxOf_Corner_IsTheCornerBoxForEveryClass()
    {
        Kinds.Select(k => ShapeDataset.MarkBoxOf(k, MarkPlacement.Corner)).Should().OnlyContain(b => b == ShapeDataset.MarkBox);
    }

    [Fact]
    public void MarkBoxOf_PerClass_GivesEachClassItsOwnPlaceSixPixelsIn()
    {
        var boxes = Kinds.Select(k => ShapeDataset.MarkBoxOf(k, MarkPlacement.PerClass)).ToArray();

        boxes.Should().Equal(new PixelBox(29, 6, 6, 6), new PixelBox(6, 29, 6, 6), new PixelBox(52, 6, 6, 6), new PixelBox(6, 52, 6, 6));
        boxes.Should().OnlyContain(b => b.X >= 6 && b.Y >= 6 && b.Right <= 58 && b.Bottom <= 58, "every place is at least 6 pixels in from the border");
        boxes.Take(2).Should().OnlyContain(b => b.X > 20 || b.Y > 20, "circle and square sit in the middle of an edge, away from the corners");
    }

    [Fact]
    public void MarkBoxOf_UnknownKindOrPlacement_IsRejected()
    {
        FluentActions.Invoking(() => ShapeDataset.MarkBoxOf((ShapeKind)4, MarkPlacement.PerClass)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("kind");
        FluentActions.Invoking(() => ShapeDataset.MarkBoxOf(ShapeKind.Circle, (MarkPlacement)7)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("placement");
    }

    [Fact]
    public void Generate_PerClass_DrawsOneBlackAndWhiteCheckerAtTheClassBox()
    {
        foreach (var s in ShapeDataset.Generate(4, 40, PerClass))
        {
            var box = ShapeDataset.MarkBoxOf(s.Kind, MarkPlacement.PerClass);
            s.Mark.Should().Be(box);
            for (var y = box.Y; y < box.Bottom; y++)
            {
                for (var x = box.X; x < box.Right; x++)
                {
                    var even = (((x - box.X) / 2) + ((y - box.Y) / 2)) % 2 == 0;
                    s.Image[x, y].Should().Be(Rgb.Gray(even ? (byte)0 : (byte)255), $"the mark of the {s.ClassName} {s.Id} is the shared checker at {box}, pixel ({x},{y})");
                }
            }
        }
    }

    [Fact]
    public void Generate_PerClass_ObjectsStayClearOfEveryClassPlace()
    {
        var places = Kinds.Select(k => ShapeDataset.MarkBoxOf(k, MarkPlacement.PerClass).Inflate(4, new PixelBox(0, 0, 64, 64))).ToArray();

        foreach (var s in ShapeDataset.Generate(21, 200, PerClass).Concat(ShapeDataset.Generate(22, 200, PerClassReserved)))
        {
            foreach (var place in places)
            {
                PixelBox.Intersect(s.Box, place).Area.Should().Be(0, $"the {s.ClassName} of {s.Id} at {s.Box} must keep 4 pixels from the mark place {place}");
            }
        }
    }

    [Fact]
    public void Generate_PerClass_KeepsObjectsOfEverySizeAndClass()
    {
        var samples = ShapeDataset.Generate(23, 400, PerClass);

        samples.Max(s => s.Box.Width).Should().BeGreaterThanOrEqualTo(39, "the places leave room for the largest objects");
        samples.Min(s => s.Box.Width).Should().BeLessThanOrEqualTo(19);
        samples.GroupBy(s => s.Label).Select(g => g.Count()).Should().Equal(100, 100, 100, 100);
    }

    [Fact]
    public void Generate_PerClassMarkedAndReserved_DifferOnlyInsideTheMark()
    {
        var marked = ShapeDataset.Generate(1000, 12, PerClass);
        var reserved = ShapeDataset.Generate(1000, 12, PerClassReserved);

        for (var i = 0; i < marked.Count; i++)
        {
            reserved[i].Mark.Should().BeNull();
            marked[i].Mask.Should().Be(reserved[i].Mask);
            for (var y = 0; y < 64; y++)
            {
                for (var x = 0; x < 64; x++)
                {
                    if (!marked[i].Mark!.Value.Contains(x, y))
                    {
                        marked[i].Image[x, y].Should().Be(reserved[i].Image[x, y], $"pixel ({x},{y}) of {marked[i].Id} lies outside the mark");
                    }
                }
            }
        }
    }

    [Fact]
    public void Generate_PerClassOnSmallImage_IsRejected()
    {
        var act = () => ShapeDataset.Generate(1, 1, PerClass with { Size = 48, MaxObjectSize = 20 });

        act.Should().Throw<ArgumentException>().WithMessage("*MarkPlacement PerClass*64-pixel image*Size must be at least 64, but was 48*");
    }

    [Fact]
    public void Generate_PerClassObjectTooLarge_IsRejected()
    {
        var act = () => ShapeDataset.Generate(1, 1, PerClass with { MaxObjectSize = 48 });

        act.Should().Throw<ArgumentException>().WithMessage("*MaxObjectSize (48)*per-class marks*use at most 47*");
    }

    [Fact]
    public void Generate_UndefinedPlacement_IsRejected()
    {
        var act = () => ShapeDataset.Generate(1, 1, new ShapeDatasetOptions { MarkPlacement = (MarkPlacement)7 });

        act.Should().Throw<ArgumentException>().WithMessage("*MarkPlacement must be Corner or PerClass, but was 7*");
    }

    private static string Fingerprint(IReadOnlyList<ShapeSample> samples)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var s in samples)
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{s.Id},{s.Label},{s.Box},{s.Mark}\n"));
            sha.AppendData(s.Image.Pixels);
            sha.AppendData(s.Mask.ToImage().Pixels);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
