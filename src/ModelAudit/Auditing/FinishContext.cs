using ModelAudit.Datasets;
using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>
/// What every audit step's <c>Finish</c> reads — the images, the class names, the model's name, never the model — and
/// where it adds its checks and report sections.
/// </summary>
internal sealed class FinishContext
{
    private readonly List<CheckResult> _checks;
    private readonly List<ReportSection> _sections;

    public FinishContext(IReadOnlyList<LabeledImage> images, IReadOnlyList<string> classes, string modelName)
        : this(images, classes, modelName, "", false, [], [])
    {
    }

    private FinishContext(IReadOnlyList<LabeledImage> images, IReadOnlyList<string> classes, string modelName, string audit, bool allowInconclusive, List<CheckResult> checks, List<ReportSection> sections)
    {
        (Images, Classes, ModelName, Audit, AllowInconclusive, _checks, _sections) = (images, classes, modelName, audit, allowInconclusive, checks, sections);
    }

    /// <summary>All images of the run, before sharding.</summary>
    public IReadOnlyList<LabeledImage> Images { get; }

    public IReadOnlyList<string> Classes { get; }

    public string ModelName { get; }

    /// <summary>The registry name of the audit whose checks are being added.</summary>
    public string Audit { get; }

    /// <summary>Whether the audit's section lets not-measured and inconclusive checks pass (<see cref="AuditSection.AllowInconclusive"/>).</summary>
    public bool AllowInconclusive { get; }

    public IReadOnlyList<CheckResult> Checks => _checks;

    public IReadOnlyList<ReportSection> Sections => _sections;

    /// <summary>The same run's context, adding checks under <paramref name="audit"/>.</summary>
    public FinishContext For(string audit, bool allowInconclusive) => new(Images, Classes, ModelName, audit, allowInconclusive, _checks, _sections);

    /// <summary>The first <paramref name="max"/> images of the whole run.</summary>
    public IReadOnlyList<LabeledImage> All(int max) => Images.Take(max).ToArray();

    /// <summary>The first <paramref name="max"/> images of the run that an audit can use, as <see cref="MeasureContext.Slice(int, Func{LabeledImage, bool})"/> picks them.</summary>
    public IReadOnlyList<LabeledImage> All(int max, Func<LabeledImage, bool> usable) => Images.Where(usable).Take(max).ToArray();

    /// <summary>Adds a gate when a threshold is configured; without one the value is only reported in the section.</summary>
    public void Gate(string name, double measured, Comparison comparison, double? threshold, string details = "")
    {
        if (threshold is { } t)
        {
            _checks.Add(CheckResult.Of(Audit, name, measured, comparison, t, details, AllowInconclusive));
        }
    }

    /// <summary>Adds a configured gate as not measured, saying why (and what to change).</summary>
    public void NotMeasured(string name, Comparison comparison, double? threshold, string reason)
    {
        if (threshold is { } t)
        {
            _checks.Add(CheckResult.NotMeasured(Audit, name, comparison, t, reason, AllowInconclusive));
        }
    }

    /// <summary>Adds a configured gate as measured but inconclusive: below the signal floor, so not judged.</summary>
    public void Inconclusive(string name, double measured, Comparison comparison, double? threshold, string reason)
    {
        if (threshold is { } t)
        {
            _checks.Add(CheckResult.Inconclusive(Audit, name, measured, comparison, t, reason, AllowInconclusive));
        }
    }

    public void Add(ReportSection section) => _sections.Add(section);
}
