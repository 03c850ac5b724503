namespace ModelAudit.Auditing;

/// <summary>The key also accepts <see cref="Form"/>, which the reader handles besides its declared type.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ConfigAlsoAttribute(ConfigAlso form) : Attribute
{
    public ConfigAlso Form { get; } = form;
}
