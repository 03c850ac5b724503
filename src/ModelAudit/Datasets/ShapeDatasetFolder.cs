using System.Globalization;
using System.Text;
using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>The on-disk form of a shape dataset: PNG images and masks beside one <c>labels.csv</c>.</summary>
internal static class ShapeDatasetFolder
{
    public const string LabelsFile = "labels.csv";
    private const string Header = "file,label,class,x,y,width,height,mask";
    private const string MarkColumns = "mark_x,mark_y,mark_width,mark_height";

    public static void Write(string folder, IReadOnlyList<ShapeSample> samples)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!ids.Add(sample.Id))
            {
                throw new ArgumentException($"Sample id '{sample.Id}' occurs more than once; ids name the files and must be unique.", nameof(samples));
            }
        }

        var withMarks = samples.Any(s => s.Mark is not null);
        Parallel.ForEach(samples, sample =>
        {
            ImageCodec.SavePng(sample.Image, Path.Combine(folder, ImagePath(sample.Id)));
            ImageCodec.SavePng(sample.Mask.ToImage(), Path.Combine(folder, MaskPath(sample.Id)));
        });

        var csv = new StringBuilder();
        csv.Append(Header).Append(withMarks ? "," + MarkColumns : string.Empty).Append('\n');
        foreach (var s in samples)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{ImagePath(s.Id)},{s.Label},{s.ClassName},{s.Box.X},{s.Box.Y},{s.Box.Width},{s.Box.Height},{MaskPath(s.Id)}");
            if (withMarks)
            {
                csv.Append(s.Mark is { } m ? string.Create(CultureInfo.InvariantCulture, $",{m.X},{m.Y},{m.Width},{m.Height}") : ",,,,");
            }

            csv.Append('\n');
        }

        // Written last, so a folder with a labels file is a complete dataset.
        AtomicFile.WriteText(Path.Combine(folder, LabelsFile), csv.ToString());
    }

    public static IReadOnlyList<ShapeSample> Read(string folder)
    {
        var labelsPath = Path.Combine(folder, LabelsFile);
        if (!File.Exists(labelsPath))
        {
            throw new InvalidDatasetException($"'{labelsPath}' does not exist; a shape dataset folder holds {LabelsFile}, images/ and masks/.");
        }

        var lines = File.ReadAllLines(labelsPath);
        var header = lines.Length > 0 ? lines[0] : string.Empty;
        if (header != Header && header != Header + "," + MarkColumns)
        {
            throw new InvalidDatasetException($"'{labelsPath}' line 1: expected the header '{Header}' (optionally followed by ',{MarkColumns}'), but found '{header}'.");
        }

        var columns = header.Split(',').Length;
        var paths = new ImageSetPaths(folder, allowOutside: false);
        var samples = new List<ShapeSample>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                samples.Add(ReadRow(paths, labelsPath, i + 1, lines[i], columns));
            }
        }

        return samples;
    }

    private static ShapeSample ReadRow(ImageSetPaths paths, string labelsPath, int lineNumber, string line, int columns)
    {
        InvalidDatasetException Bad(string problem) => new($"'{labelsPath}' line {lineNumber}: {problem} Row: '{line}'.");

        var fields = line.Split(',');
        if (fields.Length != columns)
        {
            throw Bad($"expected {columns} comma-separated fields, but found {fields.Length}.");
        }

        int Number(int index, string name) => int.TryParse(fields[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad($"{name} '{fields[index]}' is not an integer.");

        var label = Number(1, "label");
        if (label < 0 || label >= ShapeDataset.ClassNames.Count)
        {
            throw Bad($"label {label} is outside [0, {ShapeDataset.ClassNames.Count - 1}].");
        }

        if (fields[2] != ShapeDataset.ClassNames[label])
        {
            throw Bad($"class '{fields[2]}' does not match label {label}, which is '{ShapeDataset.ClassNames[label]}'.");
        }

        var box = new PixelBox(Number(3, "x"), Number(4, "y"), Number(5, "width"), Number(6, "height"));
        PixelBox? mark = columns > 8 && fields[8].Length > 0
            ? new PixelBox(Number(8, "mark_x"), Number(9, "mark_y"), Number(10, "mark_width"), Number(11, "mark_height"))
            : null;

        var image = ImageSetReader.Load(paths, fields[0], "image", ImageLimits.Global, Bad);
        var mask = PixelMask.FromImage(ImageSetReader.Load(paths, fields[7], "mask", ImageLimits.Global, Bad));
        if (mask.Width != image.Width || mask.Height != image.Height)
        {
            throw Bad($"mask '{fields[7]}' is {mask.Width}x{mask.Height} but image '{fields[0]}' is {image.Width}x{image.Height}.");
        }

        if (mask.Bounds != box)
        {
            throw Bad($"box {box} is not the tight bounds {mask.Bounds} of mask '{fields[7]}'.");
        }

        var id = Path.GetFileNameWithoutExtension(fields[0]);
        return new ShapeSample(image, label, fields[2], box, mask, mark, id);
    }

    private static string ImagePath(string id) => $"images/{id}.png";

    private static string MaskPath(string id) => $"masks/{id}.png";
}
