using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelAudit.Auditing;

/// <summary>
/// JSON as people read it in docs and config files: <c>{ "a": [1, 2] }</c> on one line, or an object with one key a
/// line where <see cref="Write"/> is told to expand it. Non-ASCII text stays as it is.
/// </summary>
internal static class ConfigJsonText
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One line, with a space after every comma and colon.</summary>
    public static string Compact(JsonNode? node) => node switch
    {
        JsonObject o when o.Count == 0 => "{}",
        JsonObject o => $"{{ {string.Join(", ", o.Select(p => $"{Text(p.Key)}: {Compact(p.Value)}"))} }}",
        JsonArray a => $"[{string.Join(", ", a.Select(Compact))}]",
        null => "null",
        _ => node.ToJsonString(Options),
    };

    /// <summary>
    /// The document with 2-space indents: objects and arrays at a path <paramref name="expand"/> accepts (the root is
    /// <c>""</c>, then <c>"audits"</c>, <c>"audits.occlusion"</c>, …) one entry a line, the rest on one line; ends with a newline.
    /// </summary>
    public static string Write(JsonNode root, Func<string, bool> expand)
    {
        var text = new StringBuilder();
        Append(text, root, "", 0, expand);
        return text.Append('\n').ToString();
    }

    private static void Append(StringBuilder text, JsonNode? node, string path, int depth, Func<string, bool> expand)
    {
        var (entries, open, close) = node switch
        {
            JsonObject o when o.Count > 0 && expand(path) => (o.Select(p => (Key: (string?)p.Key, p.Value)).ToArray(), '{', '}'),
            JsonArray a when a.Count > 0 && expand(path) => (a.Select(v => (Key: (string?)null, Value: v)).ToArray(), '[', ']'),
            _ => (null, ' ', ' '),
        };
        if (entries is null)
        {
            text.Append(Compact(node));
            return;
        }

        var indent = new string(' ', (depth + 1) * 2);
        text.Append(open).Append('\n');
        for (var i = 0; i < entries.Length; i++)
        {
            var (key, value) = entries[i];
            text.Append(indent);
            if (key is not null)
            {
                text.Append(Text(key)).Append(": ");
            }

            Append(text, value, key is null ? path : path.Length == 0 ? key : $"{path}.{key}", depth + 1, expand);
            text.Append(i < entries.Length - 1 ? ",\n" : "\n");
        }

        text.Append(new string(' ', depth * 2)).Append(close);
    }

    private static string Text(string value) => JsonSerializer.Serialize(value, Options);
}
