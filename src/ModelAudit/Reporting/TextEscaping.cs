using System.Globalization;
using System.Text;

namespace ModelAudit.Reporting;

/// <summary>Makes user-supplied text (file, class and check names) safe to write into XML, HTML and Markdown.</summary>
internal static class TextEscaping
{
    /// <summary>
    /// Replaces control characters (which XML cannot hold and terminals act on) with a visible <c>\u0007</c> escape;
    /// tabs and line breaks become spaces.
    /// </summary>
    public static string VisibleControls(string text)
    {
        if (!text.Any(char.IsControl) && !text.Any(char.IsSurrogate))
        {
            return text;
        }

        var s = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r')
            {
                s.Append(' ');
            }
            else if (char.IsControl(c) || (char.IsSurrogate(c) && !(i + 1 < text.Length && char.IsSurrogatePair(c, text[i + 1]))))
            {
                s.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                s.Append(c);
                if (char.IsHighSurrogate(c))
                {
                    s.Append(text[++i]);
                }
            }
        }

        return s.ToString();
    }
}
