using System.Collections;
using System.Globalization;

namespace ModelAudit.Auditing;

/// <summary>
/// <c>"classes": "classes.txt"</c> as read, before the config's folder is known: the file's path, relative to the
/// config. <see cref="AuditConfigReader.Load"/> replaces it with the names; it has none until then.
/// </summary>
internal sealed class ClassNamesFile(string path) : IReadOnlyList<string>
{
    public string Path { get; } = path;

    public int Count => 0;

    public string this[int index] => throw new ArgumentOutOfRangeException(nameof(index), index, $"The class names of '{Path}' are read when the config is loaded.");

    /// <summary>The names in <see cref="Path"/>, one a line; blank lines at the end are ignored, others are errors naming the line.</summary>
    public IReadOnlyList<string> Read(AuditConfig config)
    {
        var file = config.Resolve(Path);
        if (!File.Exists(file))
        {
            throw new AuditConfigException($"classes '{Path}' does not exist (looked for '{file}'); give a text file with one class name per line, or a list of names.") { Key = "classes" };
        }

        var lines = File.ReadAllLines(file).Select(l => l.Trim()).Reverse().SkipWhile(l => l.Length == 0).Reverse().ToArray();
        if (lines.Length == 0)
        {
            throw new AuditConfigException($"classes '{Path}' holds no names; write one class name per line, in output order.") { Key = "classes" };
        }

        var blank = Array.FindIndex(lines, l => l.Length == 0);
        if (blank >= 0)
        {
            throw new AuditConfigException(string.Create(CultureInfo.InvariantCulture,
                $"classes '{Path}' line {blank + 1} is blank; every line names the class of that output index, so give it a name."))
            { Key = "classes" };
        }

        return lines;
    }

    public IEnumerator<string> GetEnumerator() => Enumerable.Empty<string>().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
