using System.Globalization;

namespace ModelAudit.Auditing;

/// <summary>Range and presence checks of config values; a failure names the full key, e.g. <c>audits.occlusion.window</c>.</summary>
internal sealed class ConfigCheck(string prefix, InputConfig? input = null)
{
    /// <summary>The config's input spec, for values bounded by the input size (e.g. an occlusion window).</summary>
    public InputConfig? Input { get; } = input;

    /// <summary>The key of <paramref name="name"/> inside this check's section.</summary>
    public string Key(string name) => $"{prefix}.{name}";

    /// <summary>How many gates (thresholds that are set) the section configures.</summary>
    public int Gates { get; private set; }

    /// <summary>A gate's threshold: range-checked like <see cref="Range"/>, and counted when set.</summary>
    public void Threshold(string name, double? value, double min, double max)
    {
        Range(name, value, min, max);
        Gates += value is null ? 0 : 1;
    }

    public void Range(string name, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            Fail(name, string.Create(CultureInfo.InvariantCulture, $"is {v}, outside [{min}, {max}]."));
        }
    }

    public void Fail(string name, string problem) => throw new AuditConfigException($"{Key(name)} {problem}") { Key = Key(name) };

    /// <summary>Names for a message, quoted: <c>"a", "b" or "c"</c>.</summary>
    public static string OneOf(IEnumerable<string> names)
    {
        var quoted = names.Select(n => $"\"{n}\"").ToArray();
        return quoted.Length == 1 ? quoted[0] : $"{string.Join(", ", quoted[..^1])} or {quoted[^1]}";
    }
}
