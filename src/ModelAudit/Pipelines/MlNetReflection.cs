using System.Collections;
using System.Reflection;

namespace ModelAudit.Pipelines;

/// <summary>
/// Reads the settings ML.NET keeps in non-public members of its transformers (Microsoft.ML 6). A member that is not
/// there (another ML.NET version) is a clear error, not a guess.
/// </summary>
internal static class MlNetReflection
{
    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static object? Member(object target, string name)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField(name, Any | BindingFlags.DeclaredOnly) is { } field)
            {
                return field.GetValue(target);
            }

            if (type.GetProperty(name, Any | BindingFlags.DeclaredOnly) is { } property)
            {
                return property.GetValue(target);
            }
        }

        throw new PipelineException(
            $"Cannot read '{name}' of ML.NET's {target.GetType().Name}: ModelAudit reads pipelines of Microsoft.ML {PipelineReader.SupportedMlNet}, " +
            $"and this process runs {PipelineReader.MlNetVersion}. Use that version, or build the spec by hand (InputSpec) and load the ONNX file.");
    }

    public static bool Has(object target, string name)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField(name, Any | BindingFlags.DeclaredOnly) is not null || type.GetProperty(name, Any | BindingFlags.DeclaredOnly) is not null)
            {
                return true;
            }
        }

        return false;
    }

    public static T Get<T>(object target, string name) => (T)Member(target, name)!;

    public static IEnumerable<object> Items(object target, string name) => ((IEnumerable)Member(target, name)!).Cast<object>();

    /// <summary>True when <paramref name="type"/> derives from the generic type named <paramref name="genericName"/> (e.g. <c>TrivialEstimator`1</c>).</summary>
    public static bool DerivesFrom(Type type, string genericName)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition().Name == genericName)
            {
                return true;
            }
        }

        return false;
    }
}
