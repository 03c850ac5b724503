using ModelAudit.Assertions.Occlusion;
using ModelAudit.Occlusion;

namespace ModelAudit.Assertions;

/// <summary>The <c>Should()</c> entry point for occlusion maps.</summary>
public static class OcclusionMapExtensions
{
    public static OcclusionMapAssertions Should(this OcclusionMap map) => new(map);
}
