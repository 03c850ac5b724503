using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>
/// The planted shortcut: a 6×6 checker of 2×2-pixel cells in a colour pair that names the class.
/// A checker looks like none of the shapes, so it teaches a shortcut without teaching a shape.
/// </summary>
internal static class ShortcutMark
{
    public const int CellSize = 2;

    private static readonly (Rgb A, Rgb B)[] Colours =
    [
        (new Rgb(230, 30, 30), new Rgb(250, 220, 40)), // circle: red and yellow
        (new Rgb(30, 60, 230), new Rgb(245, 245, 245)), // square: blue and white
        (new Rgb(30, 180, 60), new Rgb(220, 40, 200)), // triangle: green and magenta
        (new Rgb(15, 15, 15), new Rgb(40, 220, 230)), // cross: black and cyan
    ];

    public static (Rgb A, Rgb B) ColoursOf(ShapeKind kind) => Colours[(int)kind];

    /// <summary>The mark's colour at (x, y), which must lie inside <see cref="ShapeDataset.MarkBox"/>.</summary>
    public static Rgb ColourAt(ShapeKind kind, int x, int y)
    {
        var box = ShapeDataset.MarkBox;
        var (a, b) = ColoursOf(kind);
        return ((((x - box.X) / CellSize) + ((y - box.Y) / CellSize)) % 2) == 0 ? a : b;
    }

    /// <summary>Stamps the mark into interleaved RGB bytes of a square image of side <paramref name="size"/>.</summary>
    public static void Paint(byte[] rgb, int size, ShapeKind kind)
    {
        var box = ShapeDataset.MarkBox;
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                var colour = ColourAt(kind, x, y);
                var i = 3 * ((y * size) + x);
                rgb[i] = colour.R;
                rgb[i + 1] = colour.G;
                rgb[i + 2] = colour.B;
            }
        }
    }
}
