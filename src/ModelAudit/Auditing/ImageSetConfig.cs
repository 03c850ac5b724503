namespace ModelAudit.Auditing;

/// <summary>Where the images come from: a labelled folder (<c>folder</c>), or a generated synthetic set (<c>generate</c>); exactly one of them.</summary>
public sealed record ImageSetConfig
{
    /// <summary>
    /// A folder of PNG or JPEG images with a labels CSV: a header, then <c>file,label[,x,y,width,height][,mask]</c> per
    /// image (see <see cref="Datasets.ImageSetReader"/>).
    /// </summary>
    public string? Folder { get; init; }

    /// <summary>The labels CSV inside <see cref="Folder"/>.</summary>
    public string Labels { get; init; } = "labels.csv";

    /// <summary>
    /// Let <see cref="Labels"/> name images outside <see cref="Folder"/> (<c>../</c>, absolute paths, links leading out).
    /// Default false: an audit reads only the folder it was given.
    /// </summary>
    public bool AllowPathsOutsideFolder { get; init; }

    /// <summary>A generated shapes set instead of a folder.</summary>
    public GeneratedSetConfig? Generate { get; init; }
}
