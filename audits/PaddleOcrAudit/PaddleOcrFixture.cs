using System.Diagnostics;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace PaddleOcrAudit;

/// <summary>PaddleOCR's text-direction classifier (class 0 upright, 1 rotated 180°) and text lines to audit it on.</summary>
public sealed class PaddleOcrFixture : IDisposable
{
    public static readonly string[] Texts =
    [
        "Invoice total 1,234.50", "Shipping address", "The quick brown fox", "Receipt No. 00417", "Dear customer,",
        "Page 7 of 12", "Order confirmed", "Thank you!", "Delivery on Monday", "Reference 88-X",
    ];

    public PaddleOcrFixture()
    {
        FetchIfMissing();
        Model = KnownModels.PaddleOcrClassifier();
        Upright = Texts.Select(t => TextLineRenderer.Render(t)).ToArray();
        Rotated = Upright.Select(i => ImageOps.Rotate(i, 180, new Rgb(245, 245, 245))).ToArray();
    }

    public AuditModel Model { get; }

    public IReadOnlyList<RgbImage> Upright { get; }

    public IReadOnlyList<RgbImage> Rotated { get; }

    public void Dispose() => Model.Dispose();

    /// <summary>The models are cached outside git; a fresh clone fetches them once with tools/fetch-models.sh.</summary>
    internal static void FetchIfMissing()
    {
        string[] files = [KnownModels.PaddleOcrClassifierFile, KnownModels.PaddleOcrDetectorFile, KnownModels.PaddleOcrRecogniserFile, KnownModels.PaddleOcrCharsetFile];
        if (files.All(f => File.Exists(Path.Combine(KnownModels.CacheFolder, f))))
        {
            return;
        }

        var script = new DirectoryInfo(AppContext.BaseDirectory);
        while (script is not null && !File.Exists(Path.Combine(script.FullName, "tools", "fetch-models.sh")))
        {
            script = script.Parent;
        }

        if (script is null)
        {
            throw new InvalidOperationException("tools/fetch-models.sh was not found; fetch the PaddleOCR model by hand (see README).");
        }

        using var fetch = Process.Start(new ProcessStartInfo("bash", [Path.Combine(script.FullName, "tools", "fetch-models.sh")]) { RedirectStandardError = true })!;
        var error = fetch.StandardError.ReadToEnd();
        fetch.WaitForExit();
        if (fetch.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/fetch-models.sh failed: {error.Trim()}");
        }
    }
}
