using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>What every audit step reads — the model, all images, this run's shard — and where it adds checks and sections.</summary>
internal sealed class AuditContext(AuditModel model, IReadOnlyList<LabeledImage> images, IReadOnlyList<string> classes, (int Index, int Count) shard, IProgress<string>? progress)
{
    private readonly List<CheckResult> _checks = [];
    private readonly List<ReportSection> _sections = [];

    public AuditModel Model { get; } = model;

    /// <summary>All images of the run, before sharding.</summary>
    public IReadOnlyList<LabeledImage> Images { get; } = images;

    public IReadOnlyList<string> Classes { get; } = classes;

    public IReadOnlyList<CheckResult> Checks => _checks;

    public IReadOnlyList<ReportSection> Sections => _sections;

    /// <summary>
    /// The images an audit uses — the first <paramref name="max"/> of the run — restricted to this shard. The cap comes
    /// first, so the shards of a split together use exactly the images one unsharded run would.
    /// </summary>
    public IReadOnlyList<LabeledImage> Slice(int max) =>
        Images.Take(max).Where((_, i) => i % shard.Count == shard.Index - 1).ToArray();

    /// <summary>The first <paramref name="max"/> images of the whole run, ignoring shards (for Finish).</summary>
    public IReadOnlyList<LabeledImage> All(int max) => Images.Take(max).ToArray();

    public void Report(string message) => progress?.Report(message);

    /// <summary>Adds a gate when a threshold is configured; without one the value is only reported in the section.</summary>
    public void Gate(string audit, string name, double measured, Comparison comparison, double? threshold, string details = "")
    {
        if (threshold is { } t)
        {
            _checks.Add(CheckResult.Of(audit, name, measured, comparison, t, details));
        }
    }

    public void Add(ReportSection section) => _sections.Add(section);
}
