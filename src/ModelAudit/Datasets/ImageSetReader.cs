using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>
/// Reads a labelled image folder: a CSV whose header names its columns — <c>file</c> and <c>label</c> are required;
/// <c>x,y,width,height</c> (the object's box) and <c>mask</c> (a PNG, white on black) are optional; other columns are ignored.
/// Paths in the CSV are relative to the folder. Every problem names the file and the line.
/// </summary>
public static class ImageSetReader
{
    public static IReadOnlyList<LabeledImage> Read(string folder, string labelsFile = "labels.csv")
    {
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
        var (file, label, x, mask) = (Column("file"), Column("label"), Column("x"), Column("mask"));
        if (file < 0 || label < 0)
        {
            throw new InvalidDatasetException($"'{labelsPath}' line 1: the header needs 'file' and 'label' columns, but is '{lines[0]}'.");
        }

        var hasBox = x >= 0 && Column("y") >= 0 && Column("width") >= 0 && Column("height") >= 0;
        var images = new List<LabeledImage>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var lineNumber = i + 1;
            InvalidDatasetException Bad(string problem) => new($"'{labelsPath}' line {lineNumber}: {problem}");
            var fields = lines[i].Split(',');
            if (fields.Length != header.Length)
            {
                throw Bad($"expected {header.Length} fields as the header says, but found {fields.Length}.");
            }

            int Int(string name) => int.TryParse(fields[Column(name)], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw Bad($"{name} '{fields[Column(name)]}' is not an integer.");

            var image = Load(folder, fields[file], Bad);
            PixelBox? box = hasBox && fields[x].Length > 0 ? new PixelBox(Int("x"), Int("y"), Int("width"), Int("height")) : null;
            PixelMask? objectMask = mask >= 0 && fields[mask].Length > 0 ? PixelMask.FromImage(Load(folder, fields[mask], Bad)) : null;
            if (Int("label") < 0)
            {
                throw Bad($"label {Int("label")} is negative.");
            }

            images.Add(new LabeledImage(Path.GetFileNameWithoutExtension(fields[file]), image, Int("label"), box, objectMask));
        }

        if (images.Count == 0)
        {
            throw new InvalidDatasetException($"'{labelsPath}' lists no images.");
        }

        return images;
    }

    /// <summary>Loads an image named in a labels file; a missing or unreadable file becomes the caller's line-numbered error.</summary>
    internal static RgbImage Load(string folder, string relative, Func<string, InvalidDatasetException> bad)
    {
        var path = Path.GetFullPath(Path.Combine(folder, relative));
        if (!File.Exists(path))
        {
            throw bad($"image '{relative}' does not exist (looked for '{path}').");
        }

        try
        {
            return ImageCodec.Load(path);
        }
        catch (InvalidImageException ex)
        {
            throw bad(ex.Message);
        }
    }
}
