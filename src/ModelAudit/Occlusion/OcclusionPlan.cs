using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Occlusion;

/// <summary>The window positions for one input size and set of options, and how many windows cover each pixel.</summary>
internal sealed class OcclusionPlan
{
    public OcclusionPlan(InputSpec spec, OcclusionOptions options)
    {
        Width = spec.Width;
        Height = spec.Height;
        Xs = WindowPositions.Along(spec.Width, options.WindowWidth, options.Stride);
        Ys = WindowPositions.Along(spec.Height, options.WindowHeight, options.Stride);
        Boxes = Ys.SelectMany(y => Xs.Select(x => new PixelBox(x, y, options.WindowWidth, options.WindowHeight))).ToArray();
        Coverage = new int[Width * Height];
        foreach (var box in Boxes)
        {
            ForEachPixel(box, i => Coverage[i]++);
        }
    }

    public int Width { get; }

    public int Height { get; }

    public int[] Xs { get; }

    public int[] Ys { get; }

    /// <summary>Window boxes, row by row.</summary>
    public PixelBox[] Boxes { get; }

    /// <summary>Per pixel, row-major: the number of windows covering it (at least 1 everywhere).</summary>
    public int[] Coverage { get; }

    public void ForEachPixel(PixelBox box, Action<int> action)
    {
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                action((y * Width) + x);
            }
        }
    }
}
