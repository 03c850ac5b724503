using ModelAudit.Assertions.Gradients;
using ModelAudit.Gradients;

namespace ModelAudit.Assertions;

public static class AttributionMapAssertionExtensions
{
    public static AttributionMapAssertions Should(this AttributionMap map) => new(map);
}
