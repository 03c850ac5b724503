using ModelAudit.Baselines;
using ModelAudit.Snapshots;

namespace ModelAudit.Xunit;

/// <summary>
/// <see cref="Baseline"/> named after the running xUnit v3 test: <c>{Class}.{Method}</c>, then <c>_{parameter}={value}</c>
/// for each theory argument, then <c>_{name}</c> when given.
/// </summary>
public static class XunitBaseline
{
    /// <summary>The baseline name of the running test; throws <see cref="InvalidOperationException"/> outside a test.</summary>
    public static SnapshotName CurrentName(string? name = null) => RunningTest.Name(name);

    public static BaselineResult Match(ISnapshotSource source, BaselineSettings? settings = null, string? name = null) =>
        Baseline.Match(source, RunningTest.Name(name), settings);

    public static BaselineResult Match(Snapshot snapshot, BaselineSettings? settings = null, string? name = null) =>
        Baseline.Match(snapshot, RunningTest.Name(name), settings);

    public static BaselineResult Check(ISnapshotSource source, BaselineSettings? settings = null, string? name = null) =>
        Baseline.Check(source, RunningTest.Name(name), settings);

    public static BaselineResult Check(Snapshot snapshot, BaselineSettings? settings = null, string? name = null) =>
        Baseline.Check(snapshot, RunningTest.Name(name), settings);
}
