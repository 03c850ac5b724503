using System.Globalization;

namespace ModelAudit.Baselines;

/// <summary>The settings of one call after merging the layers, with defaults applied and every value validated.</summary>
internal sealed record ResolvedBaselineSettings(
    string Root,
    double ImageThreshold,
    int? MaxPixelDifference,
    double Absolute,
    double Relative,
    IReadOnlyDictionary<string, MetricTolerance> Tolerances,
    bool Accept)
{
    public const double DefaultImageThreshold = 0.98;

    /// <summary>The folder whose marker chose <see cref="Root"/>; null when the root was set (setting or <c>MODELAUDIT_BASELINES</c>).</summary>
    public string? FoundFrom { get; init; }

    public const double DefaultAbsolute = 1e-6;
    public const double DefaultRelative = 1e-4;

    /// <summary>Merges layers from lowest to highest priority (global first); later non-null values win.</summary>
    public static ResolvedBaselineSettings Resolve(params BaselineSettings?[] layers)
    {
        var present = layers.OfType<BaselineSettings>().ToArray();
        T? Pick<T>(Func<BaselineSettings, T?> get) => present.Select(get).LastOrDefault(v => v is not null);

        var env = Pick(s => s.EnvironmentVariables) ?? Environment.GetEnvironmentVariable;
        var threshold = present.Select(s => s.ImageThreshold).LastOrDefault(v => v.HasValue) ?? DefaultImageThreshold;
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentException($"ImageThreshold must lie in (0, 1] (it is an SSIM), but {Show(threshold)} was given.");
        }

        var maxPixel = present.Select(s => s.MaxPixelDifference).LastOrDefault(v => v.HasValue);
        if (maxPixel is < 0 or > 255)
        {
            throw new ArgumentException($"MaxPixelDifference must lie in 0..255, but {maxPixel} was given.");
        }

        var absolute = present.Select(s => s.DefaultTolerance?.Absolute).LastOrDefault(v => v.HasValue) ?? DefaultAbsolute;
        var relative = present.Select(s => s.DefaultTolerance?.Relative).LastOrDefault(v => v.HasValue) ?? DefaultRelative;
        CheckTolerance("the default tolerance", absolute, relative);

        var tolerances = new SortedDictionary<string, MetricTolerance>(StringComparer.Ordinal);
        foreach (var (key, tolerance) in present.SelectMany(s => s.Tolerances ?? new Dictionary<string, MetricTolerance>()))
        {
            if (string.IsNullOrEmpty(key) || key.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != key.Length - 1)
            {
                throw new ArgumentException($"Tolerance key '{key}' must be a metric name or a prefix ending in a single '*'.");
            }

            CheckTolerance($"the tolerance for '{key}'", tolerance.Absolute ?? 0, tolerance.Relative ?? 0);
            tolerances[key] = tolerance;
        }

        var chosen = Pick(s => s.Root) ?? NonEmpty(env("MODELAUDIT_BASELINES"));
        var found = chosen is null ? BaselineRoot.Default : null;
        var accept = !BuildEnvironment.IsCi(env)
            && (present.Select(s => s.Accept).LastOrDefault(v => v.HasValue) ?? BaselineEnvironment.IsTrue(env("MODELAUDIT_ACCEPT")));
        return new ResolvedBaselineSettings(Path.GetFullPath(chosen ?? found!.Root), threshold, maxPixel, absolute, relative, tolerances, accept)
        {
            FoundFrom = found?.FoundFrom,
        };
    }

    /// <summary>The allowed difference for <paramref name="metric"/> at <paramref name="expected"/>.</summary>
    public double Allowed(string metric, double expected)
    {
        var match = Tolerances.TryGetValue(metric, out var exact)
            ? exact
            : Tolerances.Where(t => t.Key.EndsWith('*') && metric.StartsWith(t.Key[..^1], StringComparison.Ordinal))
                .OrderByDescending(t => t.Key.Length).Select(t => t.Value).FirstOrDefault();
        return (match?.Absolute ?? Absolute) + ((match?.Relative ?? Relative) * Math.Abs(expected));
    }

    private static void CheckTolerance(string what, double absolute, double relative)
    {
        if (!(absolute >= 0 && double.IsFinite(absolute)) || !(relative >= 0 && double.IsFinite(relative)))
        {
            throw new ArgumentException(
                $"Tolerances must be finite and non-negative, but {what} has absolute {Show(absolute)} and relative {Show(relative)}.");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
