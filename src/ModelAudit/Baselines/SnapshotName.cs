using System.Security.Cryptography;
using System.Text;

namespace ModelAudit.Baselines;

/// <summary>
/// The validated name of one baseline, e.g. <c>OcclusionTests.Map_matches</c> or
/// <c>InvarianceTests.Sweep_angle=90_clean</c>. It is the stem of every file of the baseline:
/// <c>{name}.verified.json</c> and <c>{name}#{image}.{hash}.verified.png</c>.
/// </summary>
public sealed record SnapshotName
{
    /// <summary>
    /// The longest name accepted, in UTF-8 bytes (a CJK character takes 3, an emoji 4): with the longest suffix the
    /// store adds (<c>#{image}.{hash}.verified.png</c>, at most 71 bytes) every file name stays within 255 bytes.
    /// </summary>
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
    /// A name over <see cref="MaxLength"/> UTF-8 bytes is cut at a character boundary and ended with a short hash of the
    /// whole, so it stays unique and stable.
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

        var stem = Shorten(builder.ToString(), name is null ? MaxLength : MaxLength - Encoding.UTF8.GetByteCount(name) - 1);
        return name is null ? Parse(stem) : Parse(stem).WithSuffix(name);
    }

    /// <summary>This name followed by <c>_{suffix}</c>, for a test that keeps several baselines.</summary>
    public SnapshotName WithSuffix(string suffix)
    {
        SnapshotNameRules.Validate(suffix, MaxLength, "baseline name suffix");
        return Parse($"{Value}_{suffix}");
    }

    public override string ToString() => Value;

    private static string Shorten(string value, int limitBytes)
    {
        if (Encoding.UTF8.GetByteCount(value) <= limitBytes || limitBytes < 16)
        {
            return value;
        }

        // Whole characters only: cutting inside a surrogate pair or a UTF-8 sequence would make an invalid file name.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
        var kept = new StringBuilder();
        var budget = limitBytes - 9;
        foreach (var rune in value.EnumerateRunes())
        {
            budget -= rune.Utf8SequenceLength;
            if (budget < 0)
            {
                break;
            }

            kept.Append(rune.ToString());
        }

        return $"{kept.ToString().TrimEnd('.')}-{hash}";
    }
}
