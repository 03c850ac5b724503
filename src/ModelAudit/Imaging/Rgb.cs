namespace ModelAudit.Imaging;

/// <summary>An 8-bit RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Gray(byte level) => new(level, level, level);

    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}
