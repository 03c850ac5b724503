using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace ModelAudit.Auditing;

/// <summary>
/// Which audits to run, each with its section (<c>audits.occlusion</c>, <c>audits.filters</c>, …), run in the order
/// listed here. An audit left out is not run; a threshold left out is reported but not gated.
/// </summary>
/// <remarks>In C#, written as a collection: <c>Audits = [new OcclusionConfig { MinMassInside = 0.5 }, new FiltersConfig()]</c>.</remarks>
[JsonConverter(typeof(AuditsConfigConverter))]
[CollectionBuilder(typeof(AuditsConfig), nameof(Create))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "Named for the config's audits object it reads, like the other *Config records.")]
public sealed class AuditsConfig : IReadOnlyCollection<AuditSection>
{
    private readonly AuditSection[] _sections;

    public AuditsConfig()
        : this([])
    {
    }

    private AuditsConfig(AuditSection[] sections) => _sections = sections;

    public int Count => _sections.Length;

    /// <summary>The sections in the order a run performs them; each audit at most once.</summary>
    public static AuditsConfig Create(ReadOnlySpan<AuditSection> sections)
    {
        var kinds = new HashSet<Type>();
        foreach (var section in sections)
        {
            ArgumentNullException.ThrowIfNull(section, nameof(sections));
            if (!kinds.Add(section.GetType()))
            {
                throw new ArgumentException($"audits.{AuditRegistry.Of(section).Name} is given twice; give each audit once.", nameof(sections));
            }
        }

        var order = AuditRegistry.All.Select(k => k.Section).ToList();
        return new AuditsConfig(sections.ToArray().OrderBy(s => order.IndexOf(s.GetType())).ToArray());
    }

    /// <summary>The section of audit <typeparamref name="T"/>, or null when that audit is not configured.</summary>
    public T? Get<T>()
        where T : AuditSection => _sections.OfType<T>().FirstOrDefault();

    public IEnumerator<AuditSection> GetEnumerator() => ((IEnumerable<AuditSection>)_sections).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
