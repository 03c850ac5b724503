using ModelAudit.Baselines;
using Xunit;
using Xunit.v3;

namespace ModelAudit.Xunit;

/// <summary>Works out which xUnit v3 test is running, as a baseline name.</summary>
internal static class RunningTest
{
    public static SnapshotName Name(string? name)
    {
        var test = TestContext.Current.Test as IXunitTest;
        var testCase = TestContext.Current.TestCase;
        if (test is null || testCase?.TestClassSimpleName is not { } className || testCase.TestMethodName is not { } methodName)
        {
            throw new InvalidOperationException(
                "XunitBaseline needs a running xUnit test to name the baseline, but none is running here " +
                "(a fixture constructor, a static initialiser, or a thread that does not flow the test's context). " +
                "Call it from the test method, or call Baseline.Match(snapshot, SnapshotName.ForTest(...)) with an explicit name.");
        }

        var parameters = test.TestMethod.Method.GetParameters();
        var arguments = test.TestMethodArguments
            .Select((value, i) => new KeyValuePair<string, object?>(i < parameters.Length ? parameters[i].Name ?? $"arg{i}" : $"arg{i}", value));
        return SnapshotName.ForTest(className, methodName, arguments, name);
    }
}
