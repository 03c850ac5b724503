namespace ModelAudit.Auditing;

/// <summary>One audit as the config runner runs it: measure, gate, and describe the result for the report.</summary>
internal interface IAuditStep
{
    string Name { get; }

    void Run(AuditContext context);
}
