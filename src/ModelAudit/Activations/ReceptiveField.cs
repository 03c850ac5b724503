using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Activations;

/// <summary>
/// Which input pixels can influence one position of a feature map. Position (i, j) of the map sees the input box
/// with top-left corner (<see cref="StartX"/> + j·<see cref="JumpX"/>, <see cref="StartY"/> + i·<see cref="JumpY"/>)
/// and size <see cref="Width"/>×<see cref="Height"/>; the box may reach outside the image, into the padding.
/// </summary>
/// <param name="Height">Rows of input pixels one position sees.</param>
/// <param name="Width">Columns of input pixels one position sees.</param>
/// <param name="JumpY">Input rows between vertically adjacent positions (the product of strides).</param>
/// <param name="JumpX">Input columns between horizontally adjacent positions.</param>
/// <param name="StartY">Input row of the top edge of position (0, 0)'s box; negative when padding reaches outside.</param>
/// <param name="StartX">Input column of the left edge of position (0, 0)'s box.</param>
public sealed record ReceptiveField(int Height, int Width, int JumpY, int JumpX, int StartY, int StartX)
{
    /// <summary>The receptive field of the input itself: one pixel.</summary>
    public static ReceptiveField Identity { get; } = new(1, 1, 1, 1, 0, 0);

    /// <summary>
    /// Walks the graph from the model input to <paramref name="tensor"/> through Conv, MaxPool and AveragePool
    /// (kernel, stride, begin pads, dilation) and shape-preserving ops (activations, batch norm, element-wise
    /// arithmetic). Where several inputs meet (e.g. a residual Add) the union of their fields is taken; a branch
    /// that passes a global pool (a squeeze-and-excitation gate) broadcasts one value per channel and is left out.
    /// </summary>
    public static ReceptiveField Of(ModelGraph graph, string tensor)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return ReceptiveFieldWalker.Walk(graph, tensor);
    }

    /// <summary>The input box seen by position (<paramref name="row"/>, <paramref name="column"/>) of the feature map.</summary>
    public PixelBox InputBox(int row, int column) => new(StartX + (column * JumpX), StartY + (row * JumpY), Width, Height);

    /// <summary>The receptive field after one sliding-window layer.</summary>
    internal ReceptiveField Then(int kernelH, int kernelW, int strideH, int strideW, int padTop, int padLeft, int dilationH, int dilationW) =>
        new(
            Height + (((dilationH * (kernelH - 1)) + 1 - 1) * JumpY),
            Width + (((dilationW * (kernelW - 1)) + 1 - 1) * JumpX),
            JumpY * strideH,
            JumpX * strideW,
            StartY - (padTop * JumpY),
            StartX - (padLeft * JumpX));

    /// <summary>The smallest field that covers both (for ops that merge branches with equal jumps).</summary>
    internal ReceptiveField Union(ReceptiveField other)
    {
        if (other.JumpY != JumpY || other.JumpX != JumpX)
        {
            throw new NotSupportedException($"Branches with different strides ({JumpY}x{JumpX} and {other.JumpY}x{other.JumpX}) meet; their receptive fields do not combine into one box.");
        }

        var top = Math.Min(StartY, other.StartY);
        var left = Math.Min(StartX, other.StartX);
        var bottom = Math.Max(StartY + Height, other.StartY + other.Height);
        var right = Math.Max(StartX + Width, other.StartX + other.Width);
        return new(bottom - top, right - left, JumpY, JumpX, top, left);
    }

    public override string ToString() => $"size {Height}x{Width}, jump {JumpY}x{JumpX}, start ({StartY},{StartX})";
}
