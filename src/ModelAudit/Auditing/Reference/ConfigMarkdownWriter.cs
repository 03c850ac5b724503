using System.Globalization;
using System.Text;

namespace ModelAudit.Auditing;

/// <summary>The config reference as Markdown, one table per object of the config: <c>docs/config.md</c>.</summary>
internal static class ConfigMarkdownWriter
{
    public static string Write(ConfigObject root)
    {
        var text = new StringBuilder();
        text.Append("""
            # audit.json reference

            <!-- Generated from the config records in src/ModelAudit/Auditing (their doc comments and defaults) by
                 ConfigReferenceTests; change those, not this file. -->

            Every key of the file `modelaudit audit --config` reads, per section, with its type, default and meaning.
            Unknown keys are errors; `//` comments and trailing commas are allowed; relative paths are relative to the
            config file. A key left unset takes the default its meaning describes; a threshold (a key whose meaning
            starts with "Gate") left unset is reported but not gated. "init" is the value `modelaudit init` writes, a
            starting point to tune on your model's numbers.

            The same reference as a JSON Schema is [audit.schema.json](audit.schema.json): with
            `"$schema": "https://raw.githubusercontent.com/modelaudit/modelaudit/main/docs/audit.schema.json"` (or a path
            to the file) at the top of an audit file, editors complete and check its keys. `modelaudit init MODEL` drafts
            a file for a model.

            """.Replace("\r", "", StringComparison.Ordinal));
        foreach (var o in root.Flatten())
        {
            text.Append('\n').Append(o.Path.Length == 0 ? "## Top level" : $"## {o.Path}").Append("\n\n");
            text.Append(Cell(o.Description)).Append("\n\n");
            text.Append("| key | type | default | meaning |\n|---|---|---|---|\n");
            foreach (var key in o.Keys)
            {
                text.Append(CultureInfo.InvariantCulture, $"| `{key.Name}` | {Cell(TypeText(key.Type))} | {Cell(DefaultText(key))} | {Cell(key.Description)} |\n");
            }
        }

        return text.ToString();
    }

    private static string TypeText(ConfigType type)
    {
        var core = type switch
        {
            { Kind: "array", Items: { } items } => $"array of {Plural(items)}",
            { Names: { } names } => $"one of {string.Join(", ", names.Select(n => $"`\"{n}\"`"))}",
            _ => type.Kind,
        };
        return type.Also switch
        {
            ConfigAlso.ChannelNumbers => $"{core}; or an array of 1 or 3 numbers",
            ConfigAlso.ClassIndex => $"{core}; or a class index (integer from 0)",
            ConfigAlso.TextFile => $"{core}, or a string: a text file, one entry a line",
            _ => core,
        };
    }

    private static string Plural(ConfigType item) => item switch
    {
        { Names: { } names } => $"{string.Join(", ", names.Select(n => $"`\"{n}\"`"))}",
        { Kind: "integer" } => "integers",
        { Kind: "number" } => "numbers",
        { Kind: "string" } => "strings",
        _ => item.Kind,
    };

    private static string DefaultText(ConfigKey key) => key switch
    {
        { Required: true } => "required",
        { Object: not null } => "",
        { Default: { } value } => $"`{ConfigJsonText.Compact(value)}`",
        { Suggested: { } init } => $"unset (init: `{init.ToString(CultureInfo.InvariantCulture)}`)",
        _ => "unset",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
