using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>
/// The planted shortcut: a 6×6 checker of 2×2-pixel cells. With <see cref="MarkPlacement.Corner"/> its colour pair names
/// the class; with <see cref="MarkPlacement.PerClass"/> its place does. A checker looks like none of the shapes, so it
/// teaches a shortcut without teaching a shape.
/// </summary>
internal static class ShortcutMark
{
    public const int CellSize = 2;

    /// <summary>Pixels kept between a per-class mark and any object: each place sits in the middle of a 14×14 region, as large as the corner.</summary>
    private const int PerClassGap = 4;

    private static readonly (Rgb A, Rgb B)[] Colours =
    [
        (new Rgb(230, 30, 30), new Rgb(250, 220, 40)), // circle: red and yellow
        (new Rgb(30, 60, 230), new Rgb(245, 245, 245)), // square: blue and white
        (new Rgb(30, 180, 60), new Rgb(220, 40, 200)), // triangle: green and magenta
        (new Rgb(15, 15, 15), new Rgb(40, 220, 230)), // cross: black and cyan
    ];

    private static readonly (Rgb A, Rgb B) PerClassColours = (Rgb.Gray(0), Rgb.Gray(255));

    // The fixture nets end in a global max pool, which sees where a pattern is only through the image border it is
    // near, so each place is near a different border or pair of borders: top, left, top and right, bottom and left.
    // All four lie within 16 pixels of the top or the left edge, so objects of up to Size - 17 pixels still fit.
    private static readonly PixelBox[] PerClassBoxes =
    [
        new(29, 6, 6, 6), // circle: top centre
        new(6, 29, 6, 6), // square: left middle
        new(52, 6, 6, 6), // triangle: top right
        new(6, 52, 6, 6), // cross: bottom left
    ];

    private static readonly PixelBox[] CornerKeptFree = [ShapeDataset.MarkCorner];

    private static readonly PixelBox[] PerClassKeptFree = [.. PerClassBoxes.Select(b =>
        new PixelBox(b.X - PerClassGap, b.Y - PerClassGap, b.Width + (2 * PerClassGap), b.Height + (2 * PerClassGap)))];

    public static PixelBox BoxOf(ShapeKind kind, MarkPlacement placement) => placement switch
    {
        MarkPlacement.Corner => ShapeDataset.MarkBox,
        MarkPlacement.PerClass => PerClassBoxes[Index(kind)],
        _ => throw new ArgumentOutOfRangeException(nameof(placement), placement, "Unknown mark placement."),
    };

    public static (Rgb A, Rgb B) ColoursOf(ShapeKind kind, MarkPlacement placement) =>
        placement == MarkPlacement.PerClass ? PerClassColours : Colours[Index(kind)];

    /// <summary>The regions objects stay out of when the mark is drawn or reserved.</summary>
    public static IReadOnlyList<PixelBox> KeptFree(MarkPlacement placement) =>
        placement == MarkPlacement.PerClass ? PerClassKeptFree : CornerKeptFree;

    /// <summary>Stamps the mark of <paramref name="kind"/> into interleaved RGB bytes of a square image of side <paramref name="size"/>.</summary>
    public static void Paint(byte[] rgb, int size, ShapeKind kind, MarkPlacement placement)
    {
        var box = BoxOf(kind, placement);
        var (a, b) = ColoursOf(kind, placement);
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                var colour = ((((x - box.X) / CellSize) + ((y - box.Y) / CellSize)) % 2) == 0 ? a : b;
                var i = 3 * ((y * size) + x);
                rgb[i] = colour.R;
                rgb[i + 1] = colour.G;
                rgb[i + 2] = colour.B;
            }
        }
    }

    private static int Index(ShapeKind kind) => (uint)kind < (uint)Colours.Length
        ? (int)kind
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown shape.");
}
