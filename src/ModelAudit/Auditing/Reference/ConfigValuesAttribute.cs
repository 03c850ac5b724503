using System.Collections;
using System.Reflection;

namespace ModelAudit.Auditing;

/// <summary>
/// The names a config key accepts, read from the table its validation uses: the static member
/// <see cref="Member"/> of <see cref="Table"/>, a list of names or a dictionary keyed by them. The generated reference
/// reads the same table, so it cannot list a value the reader refuses or leave out one it accepts.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ConfigValuesAttribute(Type table, string member) : Attribute
{
    public Type Table { get; } = table;

    public string Member { get; } = member;

    public IReadOnlyList<string> Names()
    {
        const BindingFlags flags = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        var value = Table.GetProperty(Member, flags)?.GetValue(null) ?? Table.GetField(Member, flags)?.GetValue(null);
        return value switch
        {
            IEnumerable<string> names => names.ToArray(),
            IDictionary dictionary => dictionary.Keys.Cast<string>().ToArray(),
            _ => throw new InvalidOperationException($"{Table.Name}.{Member} is not a static list of names or a dictionary keyed by them."),
        };
    }
}
