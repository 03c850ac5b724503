namespace ModelAudit.Auditing;

/// <summary>
/// The threshold <c>modelaudit init</c> writes for this gate: a starting point to tune on the model's own numbers, not
/// a default (a threshold left out is not gated). The reference lists it beside the key.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ConfigSuggestedAttribute(double value) : Attribute
{
    public double Value { get; } = value;
}
