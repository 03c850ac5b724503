using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>How <see cref="ImageSetReader.Read"/> reads a labelled image folder.</summary>
public sealed record ImageSetOptions
{
    /// <summary>The shared default options.</summary>
    public static ImageSetOptions Default { get; } = new();

    /// <summary>
    /// Lets the labels file name images outside its folder: absolute paths, <c>..</c> escapes and symbolic links that
    /// lead out. Default false, so a dataset can only make a gate read files its folder holds.
    /// </summary>
    public bool AllowPathsOutsideFolder { get; init; }

    /// <summary>The largest image (and mask) the folder may hold. Default null: <see cref="ImageLimits.Global"/> (64 megapixels unless raised).</summary>
    public ImageLimits? ImageLimits { get; init; }
}
