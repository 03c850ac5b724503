namespace ModelAudit.Targets;

/// <summary>A target that does not fit the model it is used on, or an image it needs something from.</summary>
public sealed class TargetException(string message) : ModelAuditException(message);
