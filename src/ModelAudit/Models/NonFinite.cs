namespace ModelAudit.Models;

/// <summary>Finding the NaN or infinite value a model produced, and naming it for an error message.</summary>
internal static class NonFinite
{
    /// <summary>The index of the first value that is NaN or infinite, or −1.</summary>
    public static int IndexIn(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public static string Describe(float value) => float.IsNaN(value) ? "NaN" : "an infinite value";
}
