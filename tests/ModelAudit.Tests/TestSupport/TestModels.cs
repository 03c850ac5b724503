using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Tests.TestSupport;

/// <summary>Shared models for tests: loaded once per test run (sessions are costly to create).</summary>
internal static class TestModels
{
    private static readonly Lazy<AuditModel> LazyPaddle = new(() =>
    {
        EnsureFetched();
        return KnownModels.PaddleOcrClassifier();
    });

    private static readonly Lazy<AuditModel> LazyDetector = new(() =>
    {
        EnsureFetched();
        return KnownModels.PaddleOcrDetector();
    });

    private static readonly Lazy<AuditModel> LazyRecogniser = new(() =>
    {
        EnsureFetched();
        return KnownModels.PaddleOcrRecogniser();
    });

    /// <summary>The PaddleOCR classifier; fails with instructions when it has not been fetched.</summary>
    public static AuditModel PaddleOcr => LazyPaddle.Value;

    /// <summary>PaddleOCR's text detector (probability map [1, 96, 320]).</summary>
    public static AuditModel PaddleOcrDetector => LazyDetector.Value;

    /// <summary>PaddleOCR's text recogniser (CTC, [40, 6625] at 48×320).</summary>
    public static AuditModel PaddleOcrRecogniser => LazyRecogniser.Value;

    /// <summary>Runs <c>tools/fetch-models.sh</c> when the cache lacks the model, so a fresh clone can just run the tests.</summary>
    private static void EnsureFetched()
    {
        string[] files = [KnownModels.PaddleOcrClassifierFile, KnownModels.PaddleOcrDetectorFile, KnownModels.PaddleOcrRecogniserFile, KnownModels.PaddleOcrCharsetFile];
        if (files.All(f => File.Exists(Path.Combine(KnownModels.CacheFolder, f))))
        {
            return;
        }

        using var fetch = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [Repo.Path("tools", "fetch-models.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = fetch.StandardError.ReadToEnd();
        fetch.WaitForExit();
        if (fetch.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/fetch-models.sh failed (exit {fetch.ExitCode}): {stderr.Trim()}");
        }
    }

    public static readonly string[] TextLines =
    [
        "Hello ModelAudit 2026", "Invoice total 1,234.50", "The quick brown fox", "Shipping address", "Zeiler and Fergus",
        "Receipt No. 00417", "Occlusion sensitivity", "Batch 32 on two cores", "Dear customer,", "Page 7 of 12",
        "Filters and activations", "Model release gate",
    ];

    public static RgbImage Line(string text) => TextLineRenderer.Render(text);

    public static RgbImage Upside(RgbImage image) => ImageOps.Rotate(image, 180, new Rgb(0, 0, 0));

    /// <summary>
    /// A linear 4-class model over a 1×2×2 gray image: logits = W·x + b, then Softmax. Small enough to check by hand.
    /// </summary>
    public static byte[] LinearGray2x2(bool dynamicBatch = true) => new TinyOnnx()
        .Input("x", dynamicBatch ? -1 : 1, 1, 2, 2)
        .Weight("w", [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], 4, 4)
        .Weight("b", [0, 0, 0, 0], 4)
        .Node("Flatten", ["x"], ["flat"], TinyOnnx.Int("axis", 1))
        .Node("Gemm", ["flat", "w", "b"], ["logits"], TinyOnnx.Int("transB", 1))
        .Node("Softmax", ["logits"], ["prob"], TinyOnnx.Int("axis", 1))
        .Output("prob", dynamicBatch ? -1 : 1, 4)
        .Build();
}
