using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Datasets;

/// <summary>Reads the rows of one labels file: each row's image, label, optional box and optional mask.</summary>
internal sealed class ImageSetRowReader(string labelsPath, ImageSetColumns at, ImageSetPaths paths, ImageLimits limits)
{
    public LabeledImage Read(int lineNumber, string line)
    {
        InvalidDatasetException Bad(string problem) => new($"'{labelsPath}' line {lineNumber}: {problem}");
        var fields = line.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length > at.Count)
        {
            throw Bad($"found {fields.Length} fields, but the header names only {at.Count} columns; remove the extra fields (values cannot contain commas).");
        }

        var file = Field(fields, at.File);
        var text = at.Text >= 0 ? Field(fields, at.Text) : null;
        if (Field(fields, at.Label).Length == 0 && at.Text < 0)
        {
            throw Bad($"the label of '{file}' is missing; every row needs at least 'file,label'.");
        }

        if (at.Text >= 0 && at.Label < 0 && string.IsNullOrEmpty(text))
        {
            throw Bad($"the text of '{file}' is missing; with a 'text' column and no 'label' column every row needs its text.");
        }

        var unlabelled = Field(fields, at.Label).Length == 0;
        var label = unlabelled ? -1 : Int(fields, at.Label, "label", Bad);
        if (label < 0 && !unlabelled)
        {
            throw Bad($"label {label} is negative; labels are class indices 0, 1, 2, ...");
        }

        var image = ImageSetReader.Load(paths, file, "image", limits, Bad);
        return new LabeledImage(Path.GetFileNameWithoutExtension(file), image, label, Box(fields, file, image, Bad), Mask(Field(fields, at.Mask), image, Bad), string.IsNullOrEmpty(text) ? null : text);
    }

    // Trailing fields may be left out: a missing field reads as an empty one.
    private static string Field(string[] fields, int column) => column >= 0 && column < fields.Length ? fields[column] : string.Empty;

    private static int Int(string[] fields, int column, string name, Func<string, InvalidDatasetException> bad) =>
        int.TryParse(Field(fields, column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw bad($"{name} '{Field(fields, column)}' is not an integer; write it as digits, e.g. 12.");

    private PixelBox? Box(string[] fields, string file, RgbImage image, Func<string, InvalidDatasetException> bad)
    {
        if (at.Box is not { } box || box.All(c => Field(fields, c).Length == 0))
        {
            return null;
        }

        if (box.Any(c => Field(fields, c).Length == 0))
        {
            throw bad($"the box is incomplete (x,y,width,height = '{string.Join("','", box.Select(c => Field(fields, c)))}'); give all four values or leave all four empty.");
        }

        var result = new PixelBox(Int(fields, box[0], "x", bad), Int(fields, box[1], "y", bad), Int(fields, box[2], "width", bad), Int(fields, box[3], "height", bad));
        if (result.Width <= 0 || result.Height <= 0 || result.X < 0 || result.Y < 0
            || (long)result.X + result.Width > image.Width || (long)result.Y + result.Height > image.Height)
        {
            throw bad(
                $"box x={result.X}, y={result.Y}, width={result.Width}, height={result.Height} does not lie inside image '{file}', which is {image.Width}x{image.Height}. " +
                $"Fix the box: width and height above 0, x and y at least 0, x + width at most {image.Width}, y + height at most {image.Height}.");
        }

        return result;
    }

    private PixelMask? Mask(string relative, RgbImage image, Func<string, InvalidDatasetException> bad)
    {
        if (relative.Length == 0)
        {
            return null;
        }

        var mask = PixelMask.FromImage(ImageSetReader.Load(paths, relative, "mask", limits, bad));
        return mask.Width == image.Width && mask.Height == image.Height
            ? mask
            : throw bad($"mask '{relative}' is {mask.Width}x{mask.Height}, but its image is {image.Width}x{image.Height}; a mask must have its image's size.");
    }
}
