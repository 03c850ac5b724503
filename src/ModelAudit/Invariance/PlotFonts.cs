namespace ModelAudit.Invariance;

/// <summary>
/// ScottPlot draws text through SkiaSharp, which finds no font without fontconfig: register DejaVu from its file once
/// and make it the default, or every title and tick label comes out invisible.
/// </summary>
internal static class PlotFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<bool> Registered = new(() =>
    {
        ScottPlot.Fonts.AddFontFile(Family, Imaging.Fonts.PathOf("DejaVuSans.ttf"), bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(Family, Imaging.Fonts.PathOf("DejaVuSans-Bold.ttf"), bold: true, italic: false);
        ScottPlot.Fonts.Default = Family;
        return true;
    });

    public static void Ensure() => _ = Registered.Value;
}
