using SkiaSharp;

namespace ModelAudit.Imaging;

/// <summary>
/// Typefaces loaded from files. Without fontconfig SkiaSharp finds no system font and draws text invisibly,
/// so ModelAudit always loads DejaVu (Debian: <c>fonts-dejavu-core</c>) from a known path, or from <c>MODELAUDIT_FONT_DIR</c>.
/// </summary>
internal static class Fonts
{
    /// <summary>The family every ScottPlot plot draws its text in.</summary>
    public const string PlotFamily = "DejaVu Sans";

    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load("DejaVuSans-Bold.ttf"));

    // ScottPlot draws through SkiaSharp too, with its own font registry: without this every title and tick label is invisible.
    private static readonly Lazy<string> LazyPlotFonts = new(() =>
    {
        ScottPlot.Fonts.AddFontFile(PlotFamily, PathOf("DejaVuSans.ttf"), bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(PlotFamily, PathOf("DejaVuSans-Bold.ttf"), bold: true, italic: false);
        ScottPlot.Fonts.Default = PlotFamily;
        return PlotFamily;
    });

    public static SKTypeface Regular => LazyRegular.Value;

    public static SKTypeface Bold => LazyBold.Value;

    /// <summary>Registers DejaVu with ScottPlot once, as its default family; call before building a plot. Returns <see cref="PlotFamily"/>.</summary>
    public static string RegisterPlotFonts() => LazyPlotFonts.Value;

    public static string PathOf(string file)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] folders =
        [
            Environment.GetEnvironmentVariable("MODELAUDIT_FONT_DIR") ?? "",
            "/usr/share/fonts/truetype/dejavu",
            "/usr/share/fonts/dejavu",
            "/usr/share/fonts/TTF",
            // Where DejaVu lands when installed by hand on macOS (Font Book, Homebrew) and on Windows (for all users, or one).
            OperatingSystem.IsMacOS() ? "/Library/Fonts" : "",
            OperatingSystem.IsMacOS() && home.Length > 0 ? Path.Combine(home, "Library", "Fonts") : "",
            OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.Fonts) : "",
            OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Microsoft", "Windows", "Fonts") : "",
        ];
        foreach (var folder in folders.Where(f => f.Length > 0))
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new ModelAuditException(
            $"Font '{file}' was not found in {string.Join(", ", folders.Where(f => f.Length > 0))}. Install DejaVu Sans (Debian and Ubuntu: fonts-dejavu-core) or set MODELAUDIT_FONT_DIR to a folder holding {file}.");
    }

    private static SKTypeface Load(string file) =>
        SKTypeface.FromFile(PathOf(file)) ?? throw new ModelAuditException($"Font file '{PathOf(file)}' could not be read.");
}
