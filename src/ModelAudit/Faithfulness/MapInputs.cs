using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Faithfulness;

/// <summary>Checks the images and maps handed to a faithfulness audit, so that a wrong call says what to fix.</summary>
internal static class MapInputs
{
    public static void Check(InputSpec spec, IReadOnlyList<RgbImage> images, IReadOnlyList<IPixelMap> maps, string audit)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(maps);
        if (images.Count == 0)
        {
            throw new ArgumentException($"{audit} needs at least one image.", nameof(images));
        }

        if (maps.Count != images.Count)
        {
            throw new ArgumentException($"{audit} needs one map per image, but got {maps.Count} map(s) for {images.Count} image(s).", nameof(maps));
        }

        for (var i = 0; i < images.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(images[i], $"{nameof(images)}[{i}]");
            ArgumentNullException.ThrowIfNull(maps[i], $"{nameof(maps)}[{i}]");
            if (maps[i].Width != spec.Width || maps[i].Height != spec.Height)
            {
                throw new ArgumentException(
                    $"{audit}: map {i} is {maps[i].Width}x{maps[i].Height}, but maps must have the model's input size, {spec.Width}x{spec.Height}.", nameof(maps));
            }
        }
    }
}
