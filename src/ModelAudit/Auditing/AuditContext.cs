using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>What every audit step reads, and where it adds its checks and report section.</summary>
internal sealed class AuditContext(AuditModel model, IReadOnlyList<LabeledImage> images, IReadOnlyList<string> classes, IProgress<string>? progress)
{
    private readonly List<CheckResult> _checks = [];
    private readonly List<ReportSection> _sections = [];

    public AuditModel Model { get; } = model;

    public IReadOnlyList<LabeledImage> Images { get; } = images;

    public IReadOnlyList<string> Classes { get; } = classes;

    public IReadOnlyList<CheckResult> Checks => _checks;

    public IReadOnlyList<ReportSection> Sections => _sections;

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

    public string ClassName(int label) => label >= 0 && label < Classes.Count ? Classes[label] : $"class {label}";
}
