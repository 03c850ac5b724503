using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Gradients;

/// <summary>
/// A model-blind "explainer": the Sobel edge magnitude of the image. It often looks like a saliency map, which is
/// why it is the control of <see cref="RandomisationCheck"/>: randomising weights cannot change it. The model only
/// gives the input size.
/// </summary>
public sealed class EdgeBaseline(AuditModel model)
{
    public AttributionMap Compute(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (w, h) = (model.Spec.Width, model.Spec.Height);
        var img = model.Spec.Place(image);
        double Luma(int x, int y)
        {
            var p = img[Math.Clamp(x, 0, w - 1), Math.Clamp(y, 0, h - 1)];
            return (0.299 * p.R) + (0.587 * p.G) + (0.114 * p.B);
        }

        var map = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var gx = Luma(x + 1, y - 1) + (2 * Luma(x + 1, y)) + Luma(x + 1, y + 1) - Luma(x - 1, y - 1) - (2 * Luma(x - 1, y)) - Luma(x - 1, y + 1);
                var gy = Luma(x - 1, y + 1) + (2 * Luma(x, y + 1)) + Luma(x + 1, y + 1) - Luma(x - 1, y - 1) - (2 * Luma(x, y - 1)) - Luma(x + 1, y - 1);
                map[(y * w) + x] = (float)Math.Sqrt((gx * gx) + (gy * gy));
            }
        }

        return new AttributionMap("sobel-edges", img, -1, "image edges", float.NaN, w, h, map);
    }
}
