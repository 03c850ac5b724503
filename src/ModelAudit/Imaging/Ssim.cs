namespace ModelAudit.Imaging;

/// <summary>
/// Structural similarity (Wang et al. 2004) on luma: Gaussian 11×11 window with σ = 1.5, K1 = 0.01, K2 = 0.03, L = 255,
/// averaged over the windows that fit inside the image (no padding). Images smaller than 11 pixels use a window cut to their size.
/// </summary>
internal static class Ssim
{
    private const int Window = 11;
    private const double Sigma = 1.5;
    private const double C1 = 0.01 * 255 * 0.01 * 255;
    private const double C2 = 0.03 * 255 * 0.03 * 255;

    public static double Compute(RgbImage a, RgbImage b)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"SSIM needs images of one size, but got {a.Width}x{a.Height} and {b.Width}x{b.Height}.");
        }

        int w = a.Width, h = a.Height;
        var x = Luma(a);
        var y = Luma(b);
        var xx = Multiply(x, x);
        var yy = Multiply(y, y);
        var xy = Multiply(x, y);
        var kx = Gaussian(Math.Min(Window, w));
        var ky = Gaussian(Math.Min(Window, h));
        var (mx, ow, oh) = Filter(x, w, h, kx, ky);
        var my = Filter(y, w, h, kx, ky).Map;
        var sxx = Filter(xx, w, h, kx, ky).Map;
        var syy = Filter(yy, w, h, kx, ky).Map;
        var sxy = Filter(xy, w, h, kx, ky).Map;

        var sum = 0.0;
        for (var i = 0; i < ow * oh; i++)
        {
            var mu = mx[i] * my[i];
            var varX = sxx[i] - (mx[i] * mx[i]);
            var varY = syy[i] - (my[i] * my[i]);
            var cov = sxy[i] - mu;
            sum += ((2 * mu) + C1) * ((2 * cov) + C2) / (((mx[i] * mx[i]) + (my[i] * my[i]) + C1) * (varX + varY + C2));
        }

        return sum / (ow * oh);
    }

    /// <summary>ITU-R BT.601 luma, unrounded.</summary>
    internal static double[] Luma(RgbImage image)
    {
        var rgb = image.Pixels;
        var luma = new double[image.Width * image.Height];
        for (var i = 0; i < luma.Length; i++)
        {
            luma[i] = (0.299 * rgb[3 * i]) + (0.587 * rgb[(3 * i) + 1]) + (0.114 * rgb[(3 * i) + 2]);
        }

        return luma;
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var result = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] * b[i];
        }

        return result;
    }

    private static double[] Gaussian(int size)
    {
        var kernel = new double[size];
        var centre = (size - 1) / 2.0;
        for (var i = 0; i < size; i++)
        {
            kernel[i] = Math.Exp(-((i - centre) * (i - centre)) / (2 * Sigma * Sigma));
        }

        var total = kernel.Sum();
        return kernel.Select(k => k / total).ToArray();
    }

    /// <summary>Separable "valid" filtering: rows with <paramref name="kx"/>, then columns with <paramref name="ky"/>.</summary>
    private static (double[] Map, int Width, int Height) Filter(double[] source, int w, int h, double[] kx, double[] ky)
    {
        int ow = w - kx.Length + 1, oh = h - ky.Length + 1;
        var rows = new double[ow * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < ow; x++)
            {
                var s = 0.0;
                for (var k = 0; k < kx.Length; k++)
                {
                    s += kx[k] * source[(y * w) + x + k];
                }

                rows[(y * ow) + x] = s;
            }
        }

        var result = new double[ow * oh];
        for (var y = 0; y < oh; y++)
        {
            for (var x = 0; x < ow; x++)
            {
                var s = 0.0;
                for (var k = 0; k < ky.Length; k++)
                {
                    s += ky[k] * rows[((y + k) * ow) + x];
                }

                result[(y * ow) + x] = s;
            }
        }

        return (result, ow, oh);
    }
}
