namespace ModelAudit.Datasets;

/// <summary>How <see cref="ShapeDataset.Generate"/> draws its images. Checked when used.</summary>
public sealed record ShapeDatasetOptions
{
    /// <summary>The shared default options.</summary>
    public static ShapeDatasetOptions Default { get; } = new();

    /// <summary>Width and height of every image, in pixels. Default 64.</summary>
    public int Size { get; init; } = 64;

    /// <summary>Smallest side of the square an object is drawn in. Default 18.</summary>
    public int MinObjectSize { get; init; } = 18;

    /// <summary>Largest side of the square an object is drawn in. Default 40.</summary>
    public int MaxObjectSize { get; init; } = 40;

    /// <summary>
    /// Draws the background as a soft colour gradient with a few faint blobs and thin lines instead of
    /// a flat colour, so that a model cannot find the object by colour alone. Default true.
    /// </summary>
    public bool TexturedBackground { get; init; } = true;

    /// <summary>Amplitude of the uniform per-pixel noise added to the background, 0 to 64 levels. Default 12.</summary>
    public int NoiseLevel { get; init; } = 12;

    /// <summary>
    /// Smallest luminance difference, 0 to 96 levels, between the object's colour and both ends of the
    /// background gradient. Default 80.
    /// </summary>
    public int MinContrast { get; init; } = 80;

    /// <summary>
    /// Stamps a two-colour checker that gives away the class, where <see cref="MarkPlacement"/> says: a planted
    /// shortcut for audits to find. Implies <see cref="ReserveMarkCorner"/>. Default false.
    /// </summary>
    public bool ShortcutMark { get; init; }

    /// <summary>
    /// Keeps objects away from where the mark goes (<see cref="ShapeDataset.MarkCorner"/>, or all four per-class places)
    /// without drawing the mark. With the same seed and <see cref="MarkPlacement"/>, the images equal those drawn with
    /// <see cref="ShortcutMark"/> except for the mark itself. Default false.
    /// </summary>
    public bool ReserveMarkCorner { get; init; }

    /// <summary>
    /// Where the mark goes, and so whether its colours or its place name the class; see <see cref="Datasets.MarkPlacement"/>.
    /// Matters only with <see cref="ShortcutMark"/> or <see cref="ReserveMarkCorner"/>. <see cref="MarkPlacement.PerClass"/>
    /// needs a <see cref="Size"/> of at least 64. Default <see cref="MarkPlacement.Corner"/>.
    /// </summary>
    public MarkPlacement MarkPlacement { get; init; } = MarkPlacement.Corner;

    /// <summary>
    /// How each object is filled: one flat colour, or a two-colour texture that names the class (see
    /// <see cref="Datasets.ObjectFill.PerClassTexture"/>). Default <see cref="Datasets.ObjectFill.Solid"/>.
    /// </summary>
    public ObjectFill ObjectFill { get; init; } = ObjectFill.Solid;

    /// <summary>
    /// Fills each object with the texture of the class this many classes on from its own (cross wraps round to circle):
    /// 1 to 3 draw cue-conflict images whose shape names one class and whose texture another, the label staying the
    /// shape's. The images equal those drawn with 0 except for which pixels of the object take which colour. Matters only
    /// with <see cref="Datasets.ObjectFill.PerClassTexture"/>. Default 0.
    /// </summary>
    public int TextureClassOffset { get; init; }

    internal bool KeepsMarkFree => ShortcutMark || ReserveMarkCorner;

    internal void Validate()
    {
        if (Size < 16)
        {
            throw Invalid($"{nameof(Size)} must be at least 16 pixels, but was {Size}.");
        }

        if (MinObjectSize < 6)
        {
            throw Invalid($"{nameof(MinObjectSize)} must be at least 6 pixels, but was {MinObjectSize}.");
        }

        if (MaxObjectSize < MinObjectSize)
        {
            throw Invalid($"{nameof(MaxObjectSize)} ({MaxObjectSize}) must not be smaller than {nameof(MinObjectSize)} ({MinObjectSize}).");
        }

        if (!Enum.IsDefined(MarkPlacement))
        {
            throw Invalid($"{nameof(MarkPlacement)} must be {nameof(MarkPlacement.Corner)} or {nameof(MarkPlacement.PerClass)}, but was {(int)MarkPlacement}.");
        }

        if (!Enum.IsDefined(ObjectFill))
        {
            throw Invalid($"{nameof(ObjectFill)} must be {nameof(ObjectFill.Solid)} or {nameof(ObjectFill.PerClassTexture)}, but was {(int)ObjectFill}.");
        }

        if (TextureClassOffset < 0 || TextureClassOffset >= ShapeDataset.ClassNames.Count)
        {
            throw Invalid($"{nameof(TextureClassOffset)} must lie in [0, {ShapeDataset.ClassNames.Count - 1}] (a class count to move on by), but was {TextureClassOffset}.");
        }

        if (KeepsMarkFree && MarkPlacement == MarkPlacement.PerClass && Size < 64)
        {
            throw Invalid($"{nameof(MarkPlacement)} {nameof(MarkPlacement.PerClass)} puts its marks at fixed places of a 64-pixel image (see {nameof(ShapeDataset)}.{nameof(ShapeDataset.MarkBoxOf)}); {nameof(Size)} must be at least 64, but was {Size}.");
        }

        // Objects keep a one-pixel margin to the image border, and need room beside the marks when they are kept free:
        // every region kept free lies above or left of (band, band), so a square placed there always fits.
        var band = KeepsMarkFree ? Datasets.ShortcutMark.KeptFree(MarkPlacement).Max(r => Math.Min(r.Right, r.Bottom)) : 1;
        var room = Size - band - 1;
        if (MaxObjectSize > room)
        {
            throw Invalid(!KeepsMarkFree
                ? $"{nameof(MaxObjectSize)} ({MaxObjectSize}) does not fit a {Size}-pixel image with a 1-pixel margin; use at most {room}."
                : MarkPlacement == MarkPlacement.Corner
                    ? $"{nameof(MaxObjectSize)} ({MaxObjectSize}) leaves no room beside the {ShapeDataset.MarkCorner.Width}-pixel mark corner of a {Size}-pixel image; use at most {room}."
                    : $"{nameof(MaxObjectSize)} ({MaxObjectSize}) leaves no room beside the per-class marks, which keep the top and left {band} pixels partly free, in a {Size}-pixel image; use at most {room}.");
        }

        if (NoiseLevel is < 0 or > 64)
        {
            throw Invalid($"{nameof(NoiseLevel)} must lie in [0, 64], but was {NoiseLevel}.");
        }

        if (MinContrast is < 0 or > 96)
        {
            throw Invalid($"{nameof(MinContrast)} must lie in [0, 96], but was {MinContrast}.");
        }
    }

    private static ArgumentException Invalid(string message) => new($"Invalid shape dataset options: {message}");
}
