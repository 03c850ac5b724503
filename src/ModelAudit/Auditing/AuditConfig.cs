namespace ModelAudit.Auditing;

/// <summary>
/// An audit described as data (<c>audit.json</c>): the model and its input spec, the images, and which audits to run
/// with which thresholds. Read with <see cref="AuditConfigReader"/>; relative paths are relative to the config file.
/// </summary>
public sealed record AuditConfig
{
    public required string Model { get; init; }

    public required InputConfig Input { get; init; }

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
