namespace ModelAudit.Datasets;

/// <summary>
/// The class textures of <see cref="ObjectFill.PerClassTexture"/>. Each is a two-colour pattern of period 4 or 5 pixels
/// that a single 3×3 filter tells from the others: stripes one way or the other, a checker, sparse dots. The pattern is
/// laid on the image grid, not on the object, so where it is cut says nothing the outline does not.
/// </summary>
internal static class ObjectTexture
{
    /// <summary>Whether pixel (x, y) of an object textured as <paramref name="kind"/> takes the texture's second colour.</summary>
    public static bool IsSecondColour(ShapeKind kind, int x, int y) => kind switch
    {
        ShapeKind.Circle => (y / 2) % 2 == 1, // horizontal stripes
        ShapeKind.Square => (x / 2) % 2 == 1, // vertical stripes
        ShapeKind.Triangle => ((x / 2) + (y / 2)) % 2 == 1, // checker
        ShapeKind.Cross => x % 5 < 2 && y % 5 < 2, // dots
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown shape."),
    };

    /// <summary>The class whose texture an object of class <paramref name="label"/> wears, <paramref name="offset"/> classes on.</summary>
    public static ShapeKind Of(int label, int offset) => (ShapeKind)((label + offset) % ShapeDataset.ClassNames.Count);
}
