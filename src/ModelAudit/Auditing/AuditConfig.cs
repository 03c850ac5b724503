using System.Text.Json.Serialization;

namespace ModelAudit.Auditing;

/// <summary>
/// An audit described as data (<c>audit.json</c>): the model and its input spec, the images, and which audits to run
/// with which thresholds. Relative paths are relative to the config file.
/// </summary>
/// <remarks>Read with <see cref="AuditConfigReader"/>; <c>docs/config.md</c> lists every key, generated from these records.</remarks>
public sealed record AuditConfig
{
    /// <summary>The JSON Schema of this file (<c>docs/audit.schema.json</c>), so editors complete and check its keys. The audit ignores it.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>Notes for whoever edits the file, such as what <c>modelaudit init</c> guessed. The audit ignores them.</summary>
    [JsonPropertyName("_notes")]
    public IReadOnlyList<string>? Notes { get; init; }

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
    [JsonIgnore]
    public bool IsPipeline => Model.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The images the audits run on.</summary>
    public required ImageSetConfig Images { get; init; }

    /// <summary>
    /// Class names by index, for reports: a list (<c>["cat", "dog"]</c>), or a text file with one name per line
    /// (<c>"classes.txt"</c>). One name per output class. Default: the class indices.
    /// </summary>
    [JsonConverter(typeof(ClassNamesConverter))]
    [ConfigAlso(ConfigAlso.TextFile)]
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>What the scoring audits measure on a model that is not a classifier (or on another output). Default: class scores.</summary>
    public TargetConfig? Target { get; init; }

    /// <summary>
    /// Options of the map methods the audits name (<c>"lrp"</c>, <c>"rise"</c>), shared by every section that names
    /// them. Default each method's defaults.
    /// </summary>
    public MethodsConfig Methods { get; init; } = new();

    /// <summary>Which audits run, each with its options and thresholds. An audit left out is not run.</summary>
    public AuditsConfig Audits { get; init; } = new();

    /// <summary>The folder relative paths are resolved against (the config file's folder).</summary>
    [JsonIgnore]
    public string BaseFolder { get; init; } = ".";

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(BaseFolder, path));
}
