using ModelAudit.Imaging;

namespace ModelAudit.Invariance;

/// <summary>The colour given to uncovered pixels: a constant, the image's mean colour, or the nearest edge pixel.</summary>
public sealed record FillPolicy
{
    private FillPolicy(FillKind kind, Rgb colour)
    {
        Kind = kind;
        Colour = colour;
    }

    /// <summary>The mean colour of each image: no hard-coded colour, and no new colour the model never saw in the image.</summary>
    public static FillPolicy ImageMean { get; } = new(FillKind.ImageMean, default);

    /// <summary>The nearest edge pixel, which keeps plain backgrounds (a white text line) plain.</summary>
    public static FillPolicy EdgeReplicate { get; } = new(FillKind.EdgeReplicate, default);

    public FillKind Kind { get; }

    /// <summary>The fill colour when <see cref="Kind"/> is <see cref="FillKind.Constant"/>.</summary>
    public Rgb Colour { get; }

    public static FillPolicy Constant(Rgb colour) => new(FillKind.Constant, colour);

    public override string ToString() => Kind switch
    {
        FillKind.Constant => $"constant {Colour}",
        FillKind.ImageMean => "image mean",
        _ => "edge replicate",
    };

    /// <summary>The colour to hand to <see cref="ImageOps"/>; null asks it to replicate the edge.</summary>
    internal Rgb? For(RgbImage image) => Kind switch
    {
        FillKind.Constant => Colour,
        FillKind.ImageMean => ImageOps.MeanColour(image),
        _ => null,
    };
}
