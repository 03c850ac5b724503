namespace ModelAudit.Cli.Drafting;

/// <summary>
/// What <c>init</c> needs to know of the images folder without reading its images: whether it and its
/// <c>labels.csv</c> exist, whether the labels give boxes or masks (occlusion and gradients measure inside them), and
/// whether it holds a <c>classes.txt</c>.
/// </summary>
internal sealed record ImageFolderFacts(bool Exists, bool HasLabels, bool HasBoxes, string? ClassesFile)
{
    public static ImageFolderFacts Of(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return new ImageFolderFacts(false, false, false, null);
        }

        var labels = Path.Combine(folder, "labels.csv");
        var header = File.Exists(labels) ? File.ReadLines(labels).FirstOrDefault()?.Split(',').Select(h => h.Trim()).ToArray() ?? [] : null;
        var classes = Path.Combine(folder, "classes.txt");
        return new ImageFolderFacts(
            true,
            header is not null,
            header is not null && (header.Contains("mask") || (header.Contains("x") && header.Contains("width"))),
            File.Exists(classes) ? classes : null);
    }

    /// <summary>Why occlusion and gradients were left out, for the notes.</summary>
    public string NoBoxesReason => !Exists ? "the images folder does not exist yet, so whether its labels give boxes is unknown"
        : !HasLabels ? "the images folder has no labels.csv yet, so whether it gives boxes is unknown"
        : "labels.csv has no box columns (x,y,width,height) or mask";
}
