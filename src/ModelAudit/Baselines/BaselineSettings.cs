using ModelAudit.Snapshots;

namespace ModelAudit.Baselines;

/// <summary>
/// Baseline settings. They come in three layers, later ones winning per property: <see cref="Global"/> (set once,
/// e.g. from a <c>[ModuleInitializer]</c>), the settings passed to a call, and a fluent chain on <see cref="Baseline.For(ISnapshotSource)"/>.
/// Every property left null falls through to the layer below, and finally to the documented default.
/// </summary>
public sealed record BaselineSettings
{
    private static BaselineSettings _global = new();

    /// <summary>The settings every call starts from. Replace it with <c>BaselineSettings.Global = BaselineSettings.Global with { ... }</c>.</summary>
    public static BaselineSettings Global
    {
        get => Volatile.Read(ref _global);
        set => Volatile.Write(ref _global, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// The folder holding the baseline files. Default: the <c>MODELAUDIT_BASELINES</c> environment variable, else
    /// <c>baselines/</c> beside the folder found by walking up from the test assembly (then the current directory) to the
    /// nearest <c>modelaudit.json</c>, else to the repository (<c>.git</c>, <c>*.sln</c>, <c>*.slnx</c>), else to a <c>Directory.Build.props</c>.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>Lowest SSIM (luma, Gaussian 11×11 window) at which an image still matches. Default 0.98; must lie in (0, 1].</summary>
    public double? ImageThreshold { get; init; }

    /// <summary>Largest absolute difference of any pixel channel (0–255) at which an image still matches. Default: not checked.</summary>
    public int? MaxPixelDifference { get; init; }

    /// <summary>Tolerance for metrics without an override. Default absolute 1e-6, relative 1e-4.</summary>
    public MetricTolerance? DefaultTolerance { get; init; }

    /// <summary>
    /// Per-metric tolerances, keyed by the exact metric name or by a prefix ending in <c>*</c> (<c>"mass_*"</c>); an exact key
    /// wins over prefixes, and the longest prefix wins among those. Layers are merged key by key.
    /// </summary>
    public IReadOnlyDictionary<string, MetricTolerance>? Tolerances { get; init; }

    /// <summary>
    /// Whether a missing or changed baseline is recorded as verified and the call passes. Default: the
    /// <c>MODELAUDIT_ACCEPT</c> environment variable (<c>1</c>, <c>true</c> or <c>yes</c>). Never honoured when <c>CI</c> is set.
    /// </summary>
    public bool? Accept { get; init; }

    /// <summary>Reads environment variables (<c>CI</c>, <c>MODELAUDIT_ACCEPT</c>, <c>MODELAUDIT_BASELINES</c>). Default: the process environment.</summary>
    public Func<string, string?>? EnvironmentVariables { get; init; }
}
