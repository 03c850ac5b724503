namespace ModelAudit.Tests;

public sealed class BuildEnvironmentTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData(" true ")]
    public void IsCi_SetToAnythingElse_IsTrue(string value) =>
        BuildEnvironment.IsCi(Variables(value)).Should().BeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData("FALSE")]
    public void IsCi_UnsetEmptyZeroOrFalse_IsFalse(string? value) =>
        BuildEnvironment.IsCi(Variables(value)).Should().BeFalse();

    private static Func<string, string?> Variables(string? ci) => name => name == "CI" ? ci : null;
}
