using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>
/// A synthetic four-class dataset of shapes on textured backgrounds, with exact boxes and masks:
/// ground truth for testing what an image classifier looks at.
/// </summary>
public static class ShapeDataset
{
    private static readonly string[] Names = ["circle", "square", "triangle", "cross"];

    /// <summary>Class names indexed by label: circle, square, triangle, cross.</summary>
    public static IReadOnlyList<string> ClassNames => Names;

    /// <summary>Where the shortcut mark is drawn: a 6×6 checker with its top-left pixel at (2, 2).</summary>
    public static PixelBox MarkBox { get; } = new(2, 2, 6, 6);

    /// <summary>The top-left region objects stay out of when the mark corner is kept free, so the mark never covers an object.</summary>
    public static PixelBox MarkCorner { get; } = new(0, 0, 14, 14);

    /// <summary>
    /// Where the shortcut mark of <paramref name="kind"/> is drawn: <see cref="MarkBox"/> for every class with
    /// <see cref="MarkPlacement.Corner"/>; with <see cref="MarkPlacement.PerClass"/>, a 6×6 box 6 pixels in from the
    /// border: circle (29, 6) top centre, square (6, 29) left middle, triangle (52, 6) top right, cross (6, 52) bottom left.
    /// </summary>
    public static PixelBox MarkBoxOf(ShapeKind kind, MarkPlacement placement) => ShortcutMark.BoxOf(kind, placement);

    /// <summary>
    /// Draws <paramref name="count"/> samples. The same seed and options always give the same pixels, and
    /// a longer run starts with the samples of a shorter one. Labels cycle circle, square, triangle, cross.
    /// </summary>
    public static IReadOnlyList<ShapeSample> Generate(int seed, int count, ShapeDatasetOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options ??= ShapeDatasetOptions.Default;
        options.Validate();

        // Each sample draws from its own generator, seeded from one master stream.
        var master = new Random(seed);
        var seeds = new int[count];
        for (var i = 0; i < count; i++)
        {
            seeds[i] = master.Next();
        }

        var renderer = new ShapeSampleRenderer(options);
        var samples = new ShapeSample[count];
        Parallel.For(0, count, i => samples[i] = renderer.Render(seeds[i], i % Names.Length, $"s{seed}-{i:D6}"));
        return samples;
    }

    /// <summary>
    /// Writes <c>images/{Id}.png</c>, <c>masks/{Id}.png</c> (white object on black) and <c>labels.csv</c>
    /// into <paramref name="folder"/>, each file atomically. See <see cref="Read"/> for the format.
    /// </summary>
    public static void Write(string folder, IReadOnlyList<ShapeSample> samples) => ShapeDatasetFolder.Write(folder, samples);

    /// <summary>
    /// Reads a folder written by <see cref="Write"/>. <c>labels.csv</c> has the header
    /// <c>file,label,class,x,y,width,height,mask</c>, plus <c>mark_x,mark_y,mark_width,mark_height</c>
    /// when any sample carries a shortcut mark.
    /// </summary>
    /// <exception cref="InvalidDatasetException">A file is missing or a row is malformed; the message names the file and line.</exception>
    public static IReadOnlyList<ShapeSample> Read(string folder) => ShapeDatasetFolder.Read(folder);
}
