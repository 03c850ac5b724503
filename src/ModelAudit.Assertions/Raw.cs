namespace ModelAudit.Assertions;

/// <summary>Text passed to a FluentAssertions message as is, without the quotes it puts around strings.</summary>
internal sealed record Raw(string Text)
{
    public override string ToString() => Text;
}
