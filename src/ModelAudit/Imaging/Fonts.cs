using SkiaSharp;

namespace ModelAudit.Imaging;

/// <summary>
/// Typefaces loaded from files. Without fontconfig SkiaSharp finds no system font and draws text invisibly,
/// so ModelAudit always loads DejaVu (Debian: <c>fonts-dejavu-core</c>) from a known path, or from <c>MODELAUDIT_FONT_DIR</c>.
/// </summary>
internal static class Fonts
{
    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load("DejaVuSans-Bold.ttf"));

    public static SKTypeface Regular => LazyRegular.Value;

    public static SKTypeface Bold => LazyBold.Value;

    public static string PathOf(string file)
    {
        string[] folders =
        [
            Environment.GetEnvironmentVariable("MODELAUDIT_FONT_DIR") ?? "",
            "/usr/share/fonts/truetype/dejavu",
            "/usr/share/fonts/dejavu",
            "/usr/share/fonts/TTF",
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
            $"Font '{file}' was not found in {string.Join(", ", folders.Where(f => f.Length > 0))}. Install fonts-dejavu-core or set MODELAUDIT_FONT_DIR.");
    }

    private static SKTypeface Load(string file) =>
        SKTypeface.FromFile(PathOf(file)) ?? throw new ModelAuditException($"Font file '{PathOf(file)}' could not be read.");
}
