namespace ModelAudit.Auditing;

/// <summary>Where the images come from: a labelled folder, or a generated synthetic set.</summary>
public sealed record ImageSetConfig
{
    /// <summary>A folder with a labels CSV (see <see cref="Datasets.ImageSetReader"/>).</summary>
    public string? Folder { get; init; }

    public string Labels { get; init; } = "labels.csv";

    /// <summary>
    /// Let <see cref="Labels"/> name images outside <see cref="Folder"/> (<c>../</c>, absolute paths, links leading out).
    /// Default false: an audit reads only the folder it was given.
    /// </summary>
    public bool AllowPathsOutsideFolder { get; init; }

    /// <summary>A generated shapes set instead of a folder.</summary>
    public GeneratedSetConfig? Generate { get; init; }
}
