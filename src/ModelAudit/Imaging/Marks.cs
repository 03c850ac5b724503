namespace ModelAudit.Imaging;

/// <summary>Boxes drawn onto pictures: a one-pixel edge, solid or dashed.</summary>
internal static class Marks
{
    /// <summary>Cyan and black, 2 px each: a dashed edge shows on dark and light pixels alike.</summary>
    public static readonly Rgb DashLight = new(0, 255, 255);

    public static readonly Rgb DashDark = new(0, 0, 0);

    /// <summary>The box's one-pixel edge in <paramref name="colour"/>.</summary>
    public static RgbImage Outline(RgbImage image, PixelBox box, Rgb colour) =>
        RgbImage.Create(image.Width, image.Height, (x, y) => OnEdge(box, x, y) ? colour : image[x, y]);

    /// <summary>The box's one-pixel edge dashed cyan and black, 2 px each.</summary>
    public static RgbImage Dashed(RgbImage image, PixelBox box) =>
        RgbImage.Create(image.Width, image.Height, (x, y) => OnEdge(box, x, y) ? ((x + y) / 2 % 2 == 0 ? DashLight : DashDark) : image[x, y]);

    private static bool OnEdge(PixelBox box, int x, int y) =>
        box.Contains(x, y) && (x == box.X || y == box.Y || x == box.Right - 1 || y == box.Bottom - 1);
}
