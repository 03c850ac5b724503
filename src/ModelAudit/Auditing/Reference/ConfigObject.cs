namespace ModelAudit.Auditing;

/// <summary>An object of the config (the top level, <c>input</c>, <c>audits.occlusion</c>, …): its path, meaning and keys.</summary>
internal sealed record ConfigObject(string Path, string Description, IReadOnlyList<ConfigKey> Keys)
{
    /// <summary>This object and every object below it, depth first in key order.</summary>
    public IEnumerable<ConfigObject> Flatten() => Keys.Where(k => k.Object is not null).SelectMany(k => k.Object!.Flatten()).Prepend(this);
}
