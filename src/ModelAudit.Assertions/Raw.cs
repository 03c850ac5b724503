namespace ModelAudit.Assertions;

/// <summary>
/// Text passed to a FluentAssertions message as is: a plain class with its own ToString, because the formatter
/// quotes strings and lists records member by member.
/// </summary>
internal sealed class Raw(string text)
{
    public override string ToString() => text;
}
