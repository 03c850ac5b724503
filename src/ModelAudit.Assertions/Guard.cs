namespace ModelAudit.Assertions;

/// <summary>
/// Argument checks for assertion parameters. A wrong threshold is a bug in the test, not a finding about the model,
/// so it throws instead of failing the assertion.
/// </summary>
internal static class Guard
{
    /// <summary>A share such as "at least 50% of the mass": in [0, 1].</summary>
    public static void Fraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is a fraction and must lie in [0, 1] (0.5 means 50%).");
        }
    }

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>], e.g. a correlation or a silhouette.</summary>
    public static void Within(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, Numbers.Invariant($"{name} must lie in [{min}, {max}]."));
        }
    }

    /// <summary>A finite limit that cannot be negative, e.g. a total variation.</summary>
    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number of at least 0.");
        }
    }

    /// <summary>A name to look up in the subject, e.g. a layer.</summary>
    public static void Name(string value, string name) => ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
}
