using ModelAudit.Assertions.Imaging;
using ModelAudit.Gradients;

namespace ModelAudit.Assertions.Gradients;

/// <summary>
/// Localisation assertions on an <see cref="AttributionMap"/> (saliency, guided backprop, Grad-CAM, integrated
/// gradients, SmoothGrad); see <see cref="PixelMapAssertions{TMap, TSelf}"/>.
/// </summary>
public sealed class AttributionMapAssertions(AttributionMap subject) : PixelMapAssertions<AttributionMap, AttributionMapAssertions>(subject)
{
    protected override string Identifier => "attribution map";

    private protected override string MassName => "positive mass";

    private protected override string Describe(AttributionMap map) => Numbers.Invariant($" for {map.TargetName} by {map.Method}");
}
