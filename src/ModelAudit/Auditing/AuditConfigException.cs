namespace ModelAudit.Auditing;

/// <summary>An audit config that cannot be used: unreadable, unknown keys, missing files, values out of range.</summary>
public sealed class AuditConfigException : ModelAuditException
{
    public AuditConfigException(string message)
        : base(message)
    {
    }

    public AuditConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AuditConfigException()
    {
    }

    /// <summary>The config key at fault, e.g. <c>audits.occlusion.window</c>, when the error is about one value.</summary>
    public string? Key { get; init; }
}
