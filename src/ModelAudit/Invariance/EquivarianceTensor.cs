using System.Globalization;

namespace ModelAudit.Invariance;

/// <summary>A measured tensor and its per-image map shape: <see cref="Channels"/> maps of <see cref="Height"/>×<see cref="Width"/>.</summary>
public sealed record EquivarianceTensor(string Name, int Channels, int Height, int Width)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} [{Channels}×{Height}×{Width}]");
}
