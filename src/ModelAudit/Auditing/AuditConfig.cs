namespace ModelAudit.Auditing;

/// <summary>
/// An audit described as data (<c>audit.json</c>): the model and its input spec, the images, and which audits to run
/// with which thresholds. Read with <see cref="AuditConfigReader"/>; relative paths are relative to the config file.
/// </summary>
public sealed record AuditConfig
{
    /// <summary>
    /// The ONNX model, or a saved ML.NET model (<c>.zip</c>, <c>mlContext.Model.Save</c>) whose pipeline ends in
    /// ApplyOnnxModel: then the pipeline is the audited model, its image steps give the input spec, and the spec is
    /// checked against the pipeline on the first images before any audit (see <see cref="Models.AuditModel.FromPipeline(Microsoft.ML.MLContext, Microsoft.ML.ITransformer, Pipelines.PipelineOptions?)"/>).
    /// </summary>
    public required string Model { get; init; }

    /// <summary>The ONNX model's input spec; required for an ONNX file, and not given for an ML.NET model, which brings its own.</summary>
    public InputConfig? Input { get; init; }

    /// <summary>Where the model runs (the <c>engine</c> section); default the CPU.</summary>
    public EngineConfig? Engine { get; init; }

    /// <summary>True when <see cref="Model"/> is a saved ML.NET model rather than an ONNX file.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPipeline => Model.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    public required ImageSetConfig Images { get; init; }

    /// <summary>Class names by index, for reports. Optional.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    public AuditsConfig Audits { get; init; } = new();

    /// <summary>What the scoring audits measure on a model that is not a classifier (or on another output); null for class scores.</summary>
    public TargetConfig? Target { get; init; }

    /// <summary>The folder relative paths are resolved against (the config file's folder).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string BaseFolder { get; init; } = ".";

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(BaseFolder, path));
}

/// <summary>The input spec: size, channel order, and either mean/std (on 0..1 pixels) or scale/offset (on 0..255 pixels).</summary>
public sealed record InputConfig
{
    public required int Height { get; init; }

    public required int Width { get; init; }

    /// <summary><c>rgb</c>, <c>bgr</c> or <c>gray</c>.</summary>
    public string Channels { get; init; } = "rgb";

    public float[]? Mean { get; init; }

    public float[]? Std { get; init; }

    public float[]? Scale { get; init; }

    public float[]? Offset { get; init; }

    /// <summary>How images of another size are fitted: <c>stretch</c> (default), <c>letterbox</c>, <c>fit_height</c> or <c>crop_center</c>.</summary>
    public string Resize { get; init; } = "stretch";

    /// <summary>The padding colour of <c>letterbox</c> and <c>fit_height</c>: 1 grey level or 3 values (r, g, b) in 0..255. Default black.</summary>
    public int[]? Pad { get; init; }
}

/// <summary>
/// The <c>target</c> section: what occlusion and the gradient methods measure. <c>kind</c> is <c>class</c> (the
/// default without this section), <c>dense</c> (mean of an output channel inside each image's box or mask),
/// <c>sequence</c> (CTC log-probability of each image's text, or of the decoded text) or <c>detection</c> (score of
/// the best detection overlapping each image's box, from an output [K, 5] or [K, 6]).
/// </summary>
public sealed record TargetConfig
{
    public string Kind { get; init; } = "class";

    /// <summary>The output read, by name; default the model's first.</summary>
    public string? Output { get; init; }

    /// <summary>dense: the output channel. Default 0.</summary>
    public int Channel { get; init; }

    /// <summary>dense: <c>mean</c> (default) or <c>sum</c>.</summary>
    public string Reduction { get; init; } = "mean";

    /// <summary>sequence: the charset file, one character per line (relative to the config).</summary>
    public string? Charset { get; init; }

    /// <summary>sequence: a space follows the charset's characters (PaddleOCR). Default true.</summary>
    public bool Space { get; init; } = true;

    /// <summary>sequence: the blank class. Default 0.</summary>
    public int Blank { get; init; }

    /// <summary>detection: the least IoU with the image's box. Default 0.5.</summary>
    public double MinIou { get; init; } = 0.5;

    /// <summary>detection: only detections of this class count (outputs [K, 6]); default any.</summary>
    public int? Class { get; init; }

    /// <summary>detection: <c>corners</c> (x1, y1, x2, y2; default) or <c>centre</c> (cx, cy, w, h).</summary>
    public string Layout { get; init; } = "corners";

    /// <summary>detection: boxes are fractions of the input size rather than pixels.</summary>
    public bool Normalised { get; init; }
}

/// <summary>The <c>engine</c> section: the device the model runs on (<see cref="Models.EngineOptions"/>).</summary>
public sealed record EngineConfig
{
    /// <summary><c>cpu</c> (default) or <c>cuda</c> (needs the GPU build of ONNX Runtime, CUDA 13 and cuDNN 9).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>cuda: the GPU to run on. Default 0.</summary>
    public int GpuDeviceId { get; init; }

    /// <summary>cuda: run on the CPU when CUDA cannot be used, instead of stopping. Default false. The report names the provider used.</summary>
    public bool FallbackToCpu { get; init; }

    internal Models.EngineOptions Options(int threads) => new()
    {
        Threads = threads,
        GpuDeviceId = Device == "cuda" ? GpuDeviceId : null,
        FallbackToCpu = FallbackToCpu,
    };
}

/// <summary>Where the images come from: a labelled folder, or a generated synthetic set.</summary>
public sealed record ImageSetConfig
{
    /// <summary>A folder with a labels CSV (see <see cref="Datasets.ImageSetReader"/>).</summary>
    public string? Folder { get; init; }

    public string Labels { get; init; } = "labels.csv";

    /// <summary>
    /// Let <see cref="Labels"/> name images outside <see cref="Folder"/> (<c>../</c>, absolute paths, links leading out).
    /// Default false: an audit reads only the folder it was given.
    /// </summary>
    public bool AllowPathsOutsideFolder { get; init; }

    /// <summary>A generated shapes set instead of a folder.</summary>
    public GeneratedSetConfig? Generate { get; init; }
}

public sealed record GeneratedSetConfig
{
    public int Seed { get; init; } = 1000;

    public int Count { get; init; } = 64;

    public bool ShortcutMark { get; init; }

    /// <summary>
    /// Where the shortcut mark goes: <c>"corner"</c> (the default: a checker whose colours name the class, top left) or
    /// <c>"per_class"</c> (one black-and-white checker at a place that names the class).
    /// </summary>
    public string MarkPlacement { get; init; } = "corner";

    internal Datasets.MarkPlacement Placement => MarkPlacement == "per_class" ? Datasets.MarkPlacement.PerClass : Datasets.MarkPlacement.Corner;
}
