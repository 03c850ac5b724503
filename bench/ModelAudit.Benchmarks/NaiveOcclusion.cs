using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;

namespace ModelAudit.Benchmarks;

/// <summary>Occlusion the way one would write it first: paint each window grey, score the image, one at a time.</summary>
internal static class NaiveOcclusion
{
    public static double Drops(ReferencePipeline reference, RgbImage image, OcclusionOptions options)
    {
        var p = reference.Score(image);
        var target = Array.IndexOf(p, p.Max());
        var maxDrop = double.NegativeInfinity;
        foreach (var y in Positions(image.Height, options.WindowHeight, options.Stride))
        {
            foreach (var x in Positions(image.Width, options.WindowWidth, options.Stride))
            {
                var occluded = ImageOps.FillRect(image, new PixelBox(x, y, options.WindowWidth, options.WindowHeight), Rgb.Gray(128));
                maxDrop = Math.Max(maxDrop, p[target] - reference.Score(occluded)[target]);
            }
        }

        return maxDrop;
    }

    private static IEnumerable<int> Positions(int length, int window, int stride)
    {
        for (var p = 0; p <= length - window; p += stride)
        {
            yield return p;
        }

        if ((length - window) % stride != 0)
        {
            yield return length - window;
        }
    }
}
