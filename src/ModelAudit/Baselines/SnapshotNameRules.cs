using System.Globalization;
using System.Text;

namespace ModelAudit.Baselines;

/// <summary>
/// What a baseline or image name may contain. Names become file names inside one flat folder, so they must
/// not be paths, must be portable to every OS, and must not contain <c>#</c>, which separates image names.
/// </summary>
internal static class SnapshotNameRules
{
    private const string Forbidden = "<>:\"|?*#";

    /// <summary>Returns why <paramref name="value"/> is not a valid name, or null when it is.</summary>
    /// <param name="value">The name.</param>
    /// <param name="maxBytes">The limit in UTF-8 bytes, the unit in which file systems count a file name (NAME_MAX is 255 bytes).</param>
    public static string? Problem(string? value, int maxBytes)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "is empty; give a non-empty name such as 'MyTests.Heatmap'";
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogate(value[i]) && !(char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[++i])))
            {
                return "contains an unpaired UTF-16 surrogate, which has no file-name encoding; remove it";
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > maxBytes)
        {
            return $"is {bytes} UTF-8 bytes long, over the limit of {maxBytes} bytes that keeps file names with their suffixes within 255 bytes; use a shorter name";
        }

        if (value.Contains('/') || value.Contains('\\'))
        {
            return "contains a path separator; names are file names inside the baselines folder, not paths — use '.', '_' or '-' instead";
        }

        if (value.Contains("..", StringComparison.Ordinal))
        {
            return "contains '..'; use a single '.' or '_' between parts";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || Forbidden.Contains(c))
            {
                var what = c == '#' ? "'#', which separates image names in file names" : $"U+{(int)c:X4} ('{Printable(c)}'), which some file systems do not allow";
                return $"contains {what}; use letters, digits, '.', '_', '-' or '='";
            }
        }

        if (value[0] == '.' || value[^1] == '.' || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return "starts or ends with '.' or a space; remove it";
        }

        return null;
    }

    /// <summary>Throws a message that says what was wrong with the name and how to fix it.</summary>
    public static void Validate(string? value, int maxBytes, string what)
    {
        var problem = Problem(value, maxBytes);
        if (problem is not null)
        {
            throw new ArgumentException($"The {what} '{value}' {problem}.", nameof(value));
        }
    }

    /// <summary>Turns arbitrary text (a theory argument, a reflected type name) into a valid name part.</summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            var bad = char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || Forbidden.Contains(c) || c == '/' || c == '\\';
            builder.Append(bad ? '-' : c);
        }

        var result = builder.ToString();
        while (result.Contains("..", StringComparison.Ordinal))
        {
            result = result.Replace("..", ".", StringComparison.Ordinal);
        }

        return result.Trim('.');
    }

    /// <summary>Formats a theory argument with the invariant culture; sequences become comma-separated items.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Printable(char c) => char.IsControl(c) ? "control character" : c.ToString();
}
