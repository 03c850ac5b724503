using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>
/// Reads a labelled image folder: a CSV whose header names its columns — <c>file</c> and <c>label</c> are required;
/// <c>x,y,width,height</c> (the object's box, in pixels, inside the image) and <c>mask</c> (a PNG of the image's size,
/// white on black) are optional; other columns are ignored. A row may leave the box and the mask empty or omit them
/// (<c>a.png,3</c> under a header with box columns). Paths are relative to the folder and must stay inside it unless
/// <see cref="ImageSetOptions.AllowPathsOutsideFolder"/> is set. Every problem names the CSV file, the line and the fix.
/// </summary>
public static class ImageSetReader
{
    private static readonly string[] BoxColumns = ["x", "y", "width", "height"];

    public static IReadOnlyList<LabeledImage> Read(string folder, string labelsFile = "labels.csv", ImageSetOptions? options = null)
    {
        options ??= ImageSetOptions.Default;
        var labelsPath = Path.Combine(folder, labelsFile);
        if (!Directory.Exists(folder))
        {
            throw new InvalidDatasetException($"Image folder '{folder}' does not exist.");
        }

        if (!File.Exists(labelsPath))
        {
            throw new InvalidDatasetException($"Labels file '{labelsPath}' does not exist; it lists each image as 'file,label[,x,y,width,height][,mask]'.");
        }

        var lines = File.ReadAllLines(labelsPath);
        if (lines.Length == 0)
        {
            throw new InvalidDatasetException($"'{labelsPath}' is empty; line 1 must be a header such as 'file,label,x,y,width,height'.");
        }

        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        int Column(string name) => Array.IndexOf(header, name);
        if (Column("file") < 0 || (Column("label") < 0 && Column("text") < 0))
        {
            throw new InvalidDatasetException($"'{labelsPath}' line 1: the header needs a 'file' column and a 'label' column (class indices) or a 'text' column (for recognisers), but is '{lines[0]}'.");
        }

        var box = BoxColumns.Select(Column).ToArray();
        if (box.Any(c => c >= 0) && box.Any(c => c < 0))
        {
            throw new InvalidDatasetException(
                $"'{labelsPath}' line 1: the header names only some of the box columns x,y,width,height ('{lines[0]}'); name all four or none.");
        }

        var reader = new ImageSetRowReader(
            labelsPath,
            new ImageSetColumns(header.Length, Column("file"), Column("label"), box[0] >= 0 ? box : null, Column("mask"), Column("text")),
            new ImageSetPaths(folder, options.AllowPathsOutsideFolder),
            options.ImageLimits ?? ImageLimits.Global);
        var images = new List<LabeledImage>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                images.Add(reader.Read(i + 1, lines[i]));
            }
        }

        if (images.Count == 0)
        {
            throw new InvalidDatasetException($"'{labelsPath}' lists no images; add a row 'file,label' per image below the header.");
        }

        return images;
    }

    /// <summary>Loads an image named in a labels file; a path, missing file or unreadable image becomes the caller's line-numbered error.</summary>
    internal static RgbImage Load(ImageSetPaths paths, string relative, string what, ImageLimits limits, Func<string, InvalidDatasetException> bad)
    {
        var path = paths.Resolve(relative, what, bad);
        if (!File.Exists(path))
        {
            throw bad($"{what} '{relative}' does not exist (looked for '{path}'); fix the path or add the file.");
        }

        try
        {
            return ImageCodec.Load(path, limits);
        }
        catch (InvalidImageException ex)
        {
            throw bad(ex.Message);
        }
    }
}
