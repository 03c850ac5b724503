using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Models;

/// <summary>
/// Where an image lands in the model's input: input coordinate = image coordinate × scale + offset, per axis. Maps
/// boxes and masks given on the image to the input (and, scaled again, to an output's resolution).
/// </summary>
/// <param name="ImageWidth">The image's width.</param>
/// <param name="ImageHeight">The image's height.</param>
/// <param name="ScaleX">Input pixels per image pixel, horizontally.</param>
/// <param name="ScaleY">Input pixels per image pixel, vertically.</param>
/// <param name="OffsetX">Where the image's left edge lands (negative when cropped).</param>
/// <param name="OffsetY">Where the image's top edge lands (negative when cropped).</param>
/// <param name="Policy">The policy that placed it.</param>
public readonly record struct ImagePlacement(int ImageWidth, int ImageHeight, double ScaleX, double ScaleY, double OffsetX, double OffsetY, ResizePolicy Policy)
{
    /// <summary>True when the image is drawn at its own size: nothing is resized, padded or cropped.</summary>
    public bool IsIdentity => ScaleX == 1 && ScaleY == 1 && OffsetX == 0 && OffsetY == 0;

    /// <summary>True when the placement stretches one axis more than the other (by more than a pixel's rounding).</summary>
    public bool ChangesAspect => Math.Abs((ScaleX / ScaleY) - 1) * Math.Max(ImageWidth, ImageHeight) > 1;

    /// <summary>A box on the image as the box it covers in the input, clipped to <paramref name="bounds"/> (the input).</summary>
    public PixelBox Map(PixelBox box, PixelBox bounds)
    {
        var x0 = (int)Math.Floor((box.X * ScaleX) + OffsetX);
        var y0 = (int)Math.Floor((box.Y * ScaleY) + OffsetY);
        var x1 = (int)Math.Ceiling((box.Right * ScaleX) + OffsetX);
        var y1 = (int)Math.Ceiling((box.Bottom * ScaleY) + OffsetY);
        return PixelBox.Intersect(new PixelBox(x0, y0, x1 - x0, y1 - y0), bounds);
    }

    /// <summary>A mask on the image as a mask on the input of <paramref name="width"/>×<paramref name="height"/> (nearest pixel).</summary>
    public PixelMask Map(PixelMask mask, int width, int height)
    {
        if (IsIdentity && mask.Width == width && mask.Height == height)
        {
            return mask;
        }

        var (sx, sy, ox, oy) = (ScaleX, ScaleY, OffsetX, OffsetY);
        return PixelMask.FromPredicate(width, height, (x, y) => mask.Contains((int)Math.Floor((x + 0.5 - ox) / sx), (int)Math.Floor((y + 0.5 - oy) / sy)));
    }

    /// <summary>For reports: the policy and what it did, e.g. "fit_height: 300x40 scaled by 1.2 to 360x48, padded".</summary>
    public string Describe(int inputWidth, int inputHeight)
    {
        var w = (int)Math.Round(ImageWidth * ScaleX);
        var h = (int)Math.Round(ImageHeight * ScaleY);
        var what = IsIdentity ? "used as is"
            : ChangesAspect ? string.Create(CultureInfo.InvariantCulture, $"resized to {w}x{h}, aspect ratio changed")
            : string.Create(CultureInfo.InvariantCulture, $"scaled by {ScaleX:0.###} to {w}x{h}");
        var around = w < inputWidth || h < inputHeight ? ", padded" : w > inputWidth || h > inputHeight ? ", cropped" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{Policy.ConfigName()}: {ImageWidth}x{ImageHeight} {what}{around} into {inputWidth}x{inputHeight}");
    }
}

/// <summary>The spelling of a <see cref="ResizePolicy"/> in configs and reports.</summary>
public static class ResizePolicyNames
{
    public static string ConfigName(this ResizePolicy policy) => policy switch
    {
        ResizePolicy.Letterbox => "letterbox",
        ResizePolicy.FitHeight => "fit_height",
        ResizePolicy.CropCenter => "crop_center",
        ResizePolicy.CropTop => "crop_top",
        ResizePolicy.CropBottom => "crop_bottom",
        ResizePolicy.CropLeft => "crop_left",
        ResizePolicy.CropRight => "crop_right",
        _ => "stretch",
    };

    /// <summary>The policy a config names, or null when the name is none of them.</summary>
    public static ResizePolicy? Parse(string name) =>
        Enum.GetValues<ResizePolicy>().Cast<ResizePolicy?>().FirstOrDefault(p => p!.Value.ConfigName() == name);

    /// <summary>Every policy's config name, in declaration order.</summary>
    internal static IReadOnlyList<string> Names { get; } = Enum.GetValues<ResizePolicy>().Select(ConfigName).ToArray();
}
