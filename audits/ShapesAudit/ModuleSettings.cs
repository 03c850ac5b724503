using System.Runtime.CompilerServices;
using ModelAudit.Baselines;

namespace ShapesAudit;

internal static class ModuleSettings
{
    /// <summary>Once per test assembly: model outputs differ across CPUs in the last bits, so metrics get a little slack.</summary>
    [ModuleInitializer]
    internal static void Initialize() =>
        BaselineSettings.Global = BaselineSettings.Global with { DefaultTolerance = new MetricTolerance(Absolute: 1e-4, Relative: 1e-3) };
}
