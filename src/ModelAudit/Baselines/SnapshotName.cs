using System.Security.Cryptography;
using System.Text;

namespace ModelAudit.Baselines;

/// <summary>
/// The validated name of one baseline, e.g. <c>OcclusionTests.Map_matches</c> or
/// <c>InvarianceTests.Sweep_angle=90_clean</c>. It is the stem of every file of the baseline:
/// <c>{name}.verified.json</c> and <c>{name}#{image}.verified.png</c>.
/// </summary>
public sealed record SnapshotName
{
    /// <summary>The longest name accepted, so that the longest file name stays well under 255 bytes.</summary>
    public const int MaxLength = 160;

    private SnapshotName(string value) => Value = value;

    public string Value { get; }

    /// <summary>Takes a name as given, rejecting (with a message that says how to fix it) anything that is not a plain file name.</summary>
    public static SnapshotName Parse(string value)
    {
        SnapshotNameRules.Validate(value, MaxLength, "baseline name");
        return new SnapshotName(value);
    }

    /// <summary>
    /// The name of a test's baseline: <c>{className}.{methodName}</c>, then <c>_{parameter}={value}</c> for each theory
    /// argument, then <c>_{name}</c> when the test keeps several baselines. Class, method and argument text are sanitised
    /// (characters that are not portable in file names become '-'); <paramref name="name"/> is validated strictly.
    /// A name over <see cref="MaxLength"/> is cut and ended with a short hash of the whole, so it stays unique and stable.
    /// </summary>
    public static SnapshotName ForTest(
        string className, string methodName, IEnumerable<KeyValuePair<string, object?>>? arguments = null, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        var builder = new StringBuilder()
            .Append(SnapshotNameRules.Sanitize(className)).Append('.').Append(SnapshotNameRules.Sanitize(methodName));
        foreach (var (parameter, value) in arguments ?? [])
        {
            builder.Append('_').Append(SnapshotNameRules.Sanitize(parameter))
                .Append('=').Append(SnapshotNameRules.Sanitize(SnapshotNameRules.Format(value)));
        }

        var stem = Shorten(builder.ToString(), name is null ? MaxLength : MaxLength - name.Length - 1);
        return name is null ? Parse(stem) : Parse(stem).WithSuffix(name);
    }

    /// <summary>This name followed by <c>_{suffix}</c>, for a test that keeps several baselines.</summary>
    public SnapshotName WithSuffix(string suffix)
    {
        SnapshotNameRules.Validate(suffix, MaxLength, "baseline name suffix");
        return Parse($"{Value}_{suffix}");
    }

    public override string ToString() => Value;

    private static string Shorten(string value, int limit)
    {
        if (value.Length <= limit || limit < 16)
        {
            return value;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
        return $"{value[..(limit - 9)].TrimEnd('.')}-{hash}";
    }
}
