using System.Runtime.CompilerServices;
using ModelAudit.Baselines;

namespace ModelAuditTests;

internal static class ModuleSettings
{
    /// <summary>
    /// Once per test assembly. Model outputs differ in their last bits between CPUs, so metrics get a little slack;
    /// pictures are compared by SSIM (default at least 0.98).
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() =>
        BaselineSettings.Global = BaselineSettings.Global with { DefaultTolerance = new MetricTolerance(Absolute: 1e-4, Relative: 1e-3) };
}
