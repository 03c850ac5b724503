using System.Text.RegularExpressions;
using ModelAudit.Baselines;
using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Tests.Baselines;

/// <summary>A throw-away baselines root with settings that read a private environment, never the process's.</summary>
internal sealed class TempBaselines : IDisposable
{
    public TempBaselines()
    {
        Root = Path.Combine(Path.GetTempPath(), "modelaudit-baselines-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public Dictionary<string, string> Environment { get; } = [];

    public BaselineSettings Settings => new() { Root = Root, EnvironmentVariables = name => Environment.GetValueOrDefault(name) };

    public BaselineStore Store => new(Root);

    public string File(string name) => Path.Combine(Root, name);

    /// <summary>
    /// The files in the root, sorted, with the content hash of verified pictures written as <c>{sha}</c>
    /// (<c>Audit.Heatmap#map.{sha}.verified.png</c>); the writers' lock file is left out, leftover temporary files are not.
    /// </summary>
    public string[] Files() => Directory.GetFiles(Root).Select(Path.GetFileName)
        .Where(f => f != ".modelaudit-tmp.lock")
        .Select(f => Regex.Replace(f!, @"\.[0-9a-f]{16}\.verified\.png$", ".{sha}.verified.png"))
        .Order(StringComparer.Ordinal).ToArray();

    /// <summary>The path of the one verified picture of <paramref name="image"/> in baseline <paramref name="name"/>.</summary>
    public string VerifiedPicture(string name, string image) =>
        Directory.GetFiles(Root, $"{name}#{image}.*.verified.png").Should().ContainSingle().Subject;

    public static RgbImage Gradient(int w = 48, int h = 32) =>
        RgbImage.Create(w, h, (x, y) => new Rgb((byte)(x * 255 / (w - 1)), (byte)(y * 255 / (h - 1)), (byte)(128 + ((x - y) / 2))));

    /// <summary>The gradient with a flat square painted over it.</summary>
    public static RgbImage WithSquare(RgbImage image, int x0, int y0, int size, Rgb colour) =>
        RgbImage.Create(image.Width, image.Height, (x, y) => x >= x0 && x < x0 + size && y >= y0 && y < y0 + size ? colour : image[x, y]);

    public static Snapshot Snap(RgbImage? map = null, double mass = 0.73, double? extra = null)
    {
        var metrics = new Dictionary<string, double> { ["mass_inside"] = mass, ["peak"] = 12 };
        if (extra is { } e)
        {
            metrics["extra"] = e;
        }

        return Snapshot.Of(metrics, ("map", map ?? Gradient()));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
