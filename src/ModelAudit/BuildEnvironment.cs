namespace ModelAudit;

/// <summary>What the process can tell about the machine it runs on, read from environment variables.</summary>
internal static class BuildEnvironment
{
    /// <summary>
    /// True on a CI server: <c>CI</c> is set to anything but empty (or blank), <c>0</c> or <c>false</c> in any case.
    /// GitHub Actions, Azure Pipelines and GitLab set it to <c>true</c>; <c>CI=0</c> and <c>CI=false</c> are how people
    /// switch it off again locally.
    /// </summary>
    public static bool IsCi(Func<string, string?> env)
    {
        var value = env("CI")?.Trim();
        return !string.IsNullOrEmpty(value) && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><see cref="IsCi(Func{string, string?})"/> for this process's environment.</summary>
    public static bool IsCi() => IsCi(Environment.GetEnvironmentVariable);
}
