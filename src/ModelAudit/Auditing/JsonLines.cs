using System.Text;
using System.Text.Json;

namespace ModelAudit.Auditing;

/// <summary>Finds the line of a key in a JSON text, so that a value found invalid after parsing can be pointed at.</summary>
internal static class JsonLines
{
    /// <summary>The 1-based line of the property at dotted <paramref name="key"/> (e.g. <c>audits.occlusion.window</c>), or null.</summary>
    public static int? LineOf(string json, string key)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = reader.GetString();
                        if (string.Join('.', path.Append(pending)) == key)
                        {
                            return 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
                        }

                        break;
                    case JsonTokenType.StartObject:
                        if (pending is not null)
                        {
                            path.Add(pending);
                        }

                        pending = null;
                        break;
                    case JsonTokenType.EndObject when path.Count > 0 && reader.CurrentDepth == path.Count:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.StartArray:
                        reader.Skip();
                        break;
                    default:
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The text parsed once already; a reader that disagrees only costs the line number.
        }

        return null;
    }
}
