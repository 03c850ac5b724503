using ModelAudit.Snapshots;

namespace ModelAudit.Baselines;

/// <summary>
/// The fluent layer of baseline settings. Each call returns a new builder; its values win over the per-call settings
/// given to <see cref="WithSettings"/>, which win over <see cref="BaselineSettings.Global"/>.
/// </summary>
public sealed class BaselineBuilder
{
    private readonly BaselineSettings? _call;
    private readonly BaselineSettings _chain;
    private readonly string? _suffix;

    internal BaselineBuilder(Snapshot snapshot, BaselineSettings? call = null, BaselineSettings? chain = null, string? suffix = null)
    {
        Snapshot = snapshot;
        _call = call;
        _chain = chain ?? new BaselineSettings();
        _suffix = suffix;
    }

    public Snapshot Snapshot { get; }

    /// <summary>Per-call settings, below the values set on this chain.</summary>
    public BaselineBuilder WithSettings(BaselineSettings settings) => new(Snapshot, settings, _chain, _suffix);

    /// <summary>Adds <c>_{name}</c> to the baseline name, for a test that keeps several baselines.</summary>
    public BaselineBuilder Named(string name)
    {
        SnapshotNameRules.Validate(name, SnapshotName.MaxLength, "baseline name suffix");
        return new(Snapshot, _call, _chain, name);
    }

    public BaselineBuilder WithRoot(string root) => With(_chain with { Root = root });

    public BaselineBuilder WithImageThreshold(double ssim) => With(_chain with { ImageThreshold = ssim });

    public BaselineBuilder WithMaxPixelDifference(int max) => With(_chain with { MaxPixelDifference = max });

    public BaselineBuilder WithDefaultTolerance(double? abs = null, double? rel = null) =>
        With(_chain with { DefaultTolerance = new MetricTolerance(abs, rel) });

    /// <summary>Tolerance for one metric, or for every metric starting with a prefix when <paramref name="metric"/> ends in <c>*</c>.</summary>
    public BaselineBuilder WithTolerance(string metric, double? abs = null, double? rel = null)
    {
        var tolerances = new Dictionary<string, MetricTolerance>(_chain.Tolerances ?? new Dictionary<string, MetricTolerance>(), StringComparer.Ordinal)
        {
            [metric] = new MetricTolerance(abs, rel),
        };
        return With(_chain with { Tolerances = tolerances });
    }

    public BaselineBuilder Accepting(bool accept = true) => With(_chain with { Accept = accept });

    /// <summary>Checks and throws <see cref="BaselineMismatchException"/> unless it passes.</summary>
    public BaselineResult Match(SnapshotName name) => Check(name).ThrowIfFailed();

    /// <summary>Checks without throwing on a mismatch.</summary>
    public BaselineResult Check(SnapshotName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var full = _suffix is null ? name : name.WithSuffix(_suffix);
        return BaselineCheck.Run(Snapshot, full, ResolvedBaselineSettings.Resolve(BaselineSettings.Global, _call, _chain));
    }

    private BaselineBuilder With(BaselineSettings chain) => new(Snapshot, _call, chain, _suffix);
}
