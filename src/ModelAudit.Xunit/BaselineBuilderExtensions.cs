using ModelAudit.Baselines;
using ModelAudit.Snapshots;

namespace ModelAudit.Xunit;

/// <summary>Ends a fluent <see cref="Baseline.For(ISnapshotSource)"/> chain with the running test's name.</summary>
public static class BaselineBuilderExtensions
{
    public static BaselineResult Match(this BaselineBuilder builder) => builder.Match(RunningTest.Name(null));

    public static BaselineResult Check(this BaselineBuilder builder) => builder.Check(RunningTest.Name(null));
}
