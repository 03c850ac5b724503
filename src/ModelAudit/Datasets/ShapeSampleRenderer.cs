using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>
/// Draws one sample from its own seeded generator. The random draws do not depend on
/// <see cref="ShapeDatasetOptions.ShortcutMark"/>, so a marked image and its unmarked twin
/// (<see cref="ShapeDatasetOptions.ReserveMarkCorner"/>, same <see cref="ShapeDatasetOptions.MarkPlacement"/>)
/// differ only inside the mark. The texture's second colour is drawn after everything else, so a textured object
/// (<see cref="ObjectFill.PerClassTexture"/>) sits in the very image its solid twin does.
/// </summary>
internal sealed class ShapeSampleRenderer(ShapeDatasetOptions options)
{
    private const int MaxColourTries = 64;

    /// <summary>Least difference between a texture's two colours, summed over the channels: stripes a 3×3 filter cannot miss.</summary>
    private const int MinTextureDifference = 192;

    private static readonly Rgb[] CubeCorners =
    [
        Rgb.Gray(0), Rgb.Gray(255), new(255, 0, 0), new(0, 255, 0), new(0, 0, 255), new(0, 255, 255), new(255, 0, 255), new(255, 255, 0),
    ];

    public ShapeSample Render(int sampleSeed, int label, string id)
    {
        var random = new Random(sampleSeed);
        var kind = (ShapeKind)label;
        var n = options.Size;

        var size = random.Next(options.MinObjectSize, options.MaxObjectSize + 1);
        var (x0, y0) = Place(random, size);
        var mask = PixelMask.FromPredicate(n, n, ShapeGeometry.Coverage(kind, x0, y0, size));

        var from = RandomColour(random);
        var to = options.TexturedBackground ? Shift(random, from, 60) : from;
        var objectColour = ContrastingColour(random, from, to);

        var background = new float[n * n * 3];
        PaintGradient(random, background, from, to);
        if (options.TexturedBackground)
        {
            PaintBlobs(random, background);
            PaintLines(random, background);
        }

        var rgb = new byte[background.Length];
        for (var p = 0; p < n * n; p++)
        {
            var inside = mask.Contains(p % n, p / n);
            for (var c = 0; c < 3; c++)
            {
                // Noise is drawn for every pixel so the stream of draws does not depend on the shape.
                var noise = options.NoiseLevel == 0 ? 0 : random.Next(-options.NoiseLevel, options.NoiseLevel + 1);
                rgb[(3 * p) + c] = inside ? Channel(objectColour, c) : ToByte(background[(3 * p) + c] + noise);
            }
        }

        if (options.ObjectFill == ObjectFill.PerClassTexture)
        {
            var second = TextureColour(random, from, to, objectColour);
            var texture = ObjectTexture.Of(label, options.TextureClassOffset);
            for (var p = 0; p < n * n; p++)
            {
                if (mask.Contains(p % n, p / n) && ObjectTexture.IsSecondColour(texture, p % n, p / n))
                {
                    rgb[3 * p] = second.R;
                    rgb[(3 * p) + 1] = second.G;
                    rgb[(3 * p) + 2] = second.B;
                }
            }
        }

        PixelBox? mark = null;
        if (options.ShortcutMark)
        {
            ShortcutMark.Paint(rgb, n, kind, options.MarkPlacement);
            mark = ShortcutMark.BoxOf(kind, options.MarkPlacement);
        }

        return new ShapeSample(RgbImage.Wrap(n, n, rgb), label, ShapeDataset.ClassNames[label], mask.Bounds, mask, mark, id);
    }

    private (int X, int Y) Place(Random random, int size)
    {
        // One pixel of margin on every side; positions overlapping a region kept free for the mark are drawn again.
        var keptFree = options.KeepsMarkFree ? ShortcutMark.KeptFree(options.MarkPlacement) : [];
        while (true)
        {
            var x = random.Next(1, options.Size - size);
            var y = random.Next(1, options.Size - size);
            var square = new PixelBox(x, y, size, size);
            if (keptFree.All(region => PixelBox.Intersect(square, region).Area == 0))
            {
                return (x, y);
            }
        }
    }

    private Rgb ContrastingColour(Random random, Rgb from, Rgb to)
    {
        for (var i = 0; i < MaxColourTries; i++)
        {
            var candidate = RandomColour(random);
            if (Contrast(candidate, from) >= options.MinContrast && Contrast(candidate, to) >= options.MinContrast)
            {
                return candidate;
            }
        }

        // The gradient ends differ by at most 60 levels of luminance, so black or white clears 96 against both.
        var level = Luminance(from) + Luminance(to) > 255 ? (byte)0 : (byte)255;
        return Rgb.Gray(level);
    }

    /// <summary>A second object colour that contrasts with the background as the first does and differs from it plainly.</summary>
    private Rgb TextureColour(Random random, Rgb from, Rgb to, Rgb first)
    {
        bool Contrasting(Rgb c) => Contrast(c, from) >= options.MinContrast && Contrast(c, to) >= options.MinContrast;
        for (var i = 0; i < MaxColourTries; i++)
        {
            var candidate = RandomColour(random);
            if (Contrasting(candidate) && Difference(candidate, first) >= MinTextureDifference)
            {
                return candidate;
            }
        }

        // Black or white always contrasts with the background (see ContrastingColour), so some corner of the cube does.
        return CubeCorners.Where(Contrasting).MaxBy(c => Difference(c, first));
    }

    /// <summary>A linear gradient between two colours along a random direction.</summary>
    private void PaintGradient(Random random, float[] target, Rgb from, Rgb to)
    {
        var n = options.Size;
        var angle = random.NextDouble() * 2 * Math.PI;
        double dx = Math.Cos(angle), dy = Math.Sin(angle);
        var extent = (Math.Abs(dx) + Math.Abs(dy)) * n;
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                // t runs from 0 to 1 across the image along (dx, dy).
                var t = (float)(0.5 + ((((x - (n / 2.0)) * dx) + ((y - (n / 2.0)) * dy)) / extent));
                var i = 3 * ((y * n) + x);
                target[i] = from.R + ((to.R - from.R) * t);
                target[i + 1] = from.G + ((to.G - from.G) * t);
                target[i + 2] = from.B + ((to.B - from.B) * t);
            }
        }
    }

    /// <summary>Soft round brightenings and darkenings: texture with no edge a model could read as a shape.</summary>
    private void PaintBlobs(Random random, float[] target)
    {
        var n = options.Size;
        var count = random.Next(1, 4);
        for (var b = 0; b < count; b++)
        {
            double cx = random.Next(n), cy = random.Next(n);
            var sigma = 3.0 + (random.NextDouble() * 5.0);
            var amplitude = (random.NextDouble() * 60.0) - 30.0;
            for (var y = 0; y < n; y++)
            {
                for (var x = 0; x < n; x++)
                {
                    var d2 = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy));
                    var delta = (float)(amplitude * Math.Exp(-d2 / (2 * sigma * sigma)));
                    var i = 3 * ((y * n) + x);
                    target[i] += delta;
                    target[i + 1] += delta;
                    target[i + 2] += delta;
                }
            }
        }
    }

    /// <summary>A few one-pixel straight lines in random colours.</summary>
    private void PaintLines(Random random, float[] target)
    {
        var n = options.Size;
        var count = random.Next(1, 4);
        for (var l = 0; l < count; l++)
        {
            double ax = random.Next(n), ay = random.Next(n), bx = random.Next(n), by = random.Next(n);
            var colour = RandomColour(random);
            var steps = (int)Math.Ceiling(Math.Max(Math.Abs(bx - ax), Math.Abs(by - ay)));
            for (var s = 0; s <= steps; s++)
            {
                var t = steps == 0 ? 0 : (double)s / steps;
                var x = (int)Math.Round(ax + ((bx - ax) * t));
                var y = (int)Math.Round(ay + ((by - ay) * t));
                var i = 3 * ((y * n) + x);
                target[i] = colour.R;
                target[i + 1] = colour.G;
                target[i + 2] = colour.B;
            }
        }
    }

    private static Rgb RandomColour(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    private static Rgb Shift(Random random, Rgb colour, int range) => new(
        ToByte(colour.R + random.Next(-range, range + 1)),
        ToByte(colour.G + random.Next(-range, range + 1)),
        ToByte(colour.B + random.Next(-range, range + 1)));

    private static int Luminance(Rgb c) => ((299 * c.R) + (587 * c.G) + (114 * c.B)) / 1000;

    private static int Contrast(Rgb a, Rgb b) => Math.Abs(Luminance(a) - Luminance(b));

    private static int Difference(Rgb a, Rgb b) => Math.Abs(a.R - b.R) + Math.Abs(a.G - b.G) + Math.Abs(a.B - b.B);

    private static byte Channel(Rgb c, int channel) => channel switch { 0 => c.R, 1 => c.G, _ => c.B };

    private static byte ToByte(float value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);
}
