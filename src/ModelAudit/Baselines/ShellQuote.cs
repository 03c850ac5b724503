namespace ModelAudit.Baselines;

/// <summary>Quotes text as one word for a POSIX shell, so a command printed in a message works when pasted.</summary>
internal static class ShellQuote
{
    /// <summary>
    /// Single quotes, inside which a POSIX shell expands nothing (<c>$</c>, <c>`</c>, <c>!</c>, <c>*</c> stay literal);
    /// a single quote itself closes the quotes, is escaped, and reopens them: <c>'\''</c>.
    /// </summary>
    public static string Posix(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
