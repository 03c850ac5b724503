using ModelAudit.Snapshots;

namespace ModelAudit.Baselines;

/// <summary>
/// Compares a result's snapshot with its approved baseline files. The name says which baseline; test-framework glue
/// (<c>ModelAudit.Xunit</c>) works it out from the running test, and any other caller passes it.
/// </summary>
public static class Baseline
{
    /// <summary>Checks and throws <see cref="BaselineMismatchException"/> (figures and file paths in the message) unless it passes.</summary>
    public static BaselineResult Match(ISnapshotSource source, SnapshotName name, BaselineSettings? settings = null) =>
        Check(source, name, settings).ThrowIfFailed();

    /// <inheritdoc cref="Match(ISnapshotSource, SnapshotName, BaselineSettings?)"/>
    public static BaselineResult Match(Snapshot snapshot, SnapshotName name, BaselineSettings? settings = null) =>
        Check(snapshot, name, settings).ThrowIfFailed();

    /// <summary>Checks without throwing on a mismatch; received and diff files are written all the same.</summary>
    public static BaselineResult Check(ISnapshotSource source, SnapshotName name, BaselineSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Check(source.ToSnapshot(), name, settings);
    }

    /// <inheritdoc cref="Check(ISnapshotSource, SnapshotName, BaselineSettings?)"/>
    public static BaselineResult Check(Snapshot snapshot, SnapshotName name, BaselineSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return BaselineCheck.Run(snapshot, name, ResolvedBaselineSettings.Resolve(BaselineSettings.Global, settings));
    }

    /// <summary>Starts a fluent chain: <c>Baseline.For(result).WithImageThreshold(0.95).WithTolerance("mass_inside", abs: 0.02).Match(name)</c>.</summary>
    public static BaselineBuilder For(ISnapshotSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new BaselineBuilder(source.ToSnapshot());
    }

    /// <inheritdoc cref="For(ISnapshotSource)"/>
    public static BaselineBuilder For(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new BaselineBuilder(snapshot);
    }
}
