namespace ModelAudit.Baselines;

/// <summary>How the environment switches accepting on and off.</summary>
internal static class BaselineEnvironment
{
    /// <summary>CI is on when <c>CI</c> is set to anything but empty, <c>false</c> or <c>0</c> (GitHub, Azure and GitLab set it to <c>true</c>).</summary>
    public static bool IsCi(Func<string, string?> env)
    {
        var value = env("CI")?.Trim();
        return !string.IsNullOrEmpty(value) && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";
    }

    public static bool IsTrue(string? value) =>
        value?.Trim().ToUpperInvariant() is "1" or "TRUE" or "YES";
}
