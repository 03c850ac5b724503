namespace ModelAudit.Baselines;

/// <summary>How <c>MODELAUDIT_ACCEPT</c> switches accepting on (CI switches it off: <see cref="BuildEnvironment.IsCi(Func{string, string?})"/>).</summary>
internal static class BaselineEnvironment
{
    public static bool IsTrue(string? value) =>
        value?.Trim().ToUpperInvariant() is "1" or "TRUE" or "YES";
}
