using ModelAudit.Baselines;
using ModelAudit.Xunit;

namespace ModelAudit.Tests.Baselines;

public sealed class BaselinesXunitTests
{
    [Fact]
    public void Method_X() =>
        XunitBaseline.CurrentName().Value.Should().Be("BaselinesXunitTests.Method_X");

    [Theory]
    [InlineData(90, "clean model")]
    public void Sweep_Theory_NamesItsArguments(int angle, string model)
    {
        XunitBaseline.CurrentName("map").Value.Should().Be($"BaselinesXunitTests.Sweep_Theory_NamesItsArguments_angle={angle}_model=clean-model_map");
        model.Should().NotBeEmpty();
    }

    [Fact]
    public void Match_InsideTest_UsesTheTestName()
    {
        using var temp = new TempBaselines();

        var result = XunitBaseline.Check(TempBaselines.Snap(), temp.Settings);
        var chained = Baseline.For(TempBaselines.Snap()).WithSettings(temp.Settings).Named("second").Check();

        result.Name.Value.Should().Be("BaselinesXunitTests.Match_InsideTest_UsesTheTestName");
        chained.Name.Value.Should().Be("BaselinesXunitTests.Match_InsideTest_UsesTheTestName_second");
        temp.Files().Should().Contain("BaselinesXunitTests.Match_InsideTest_UsesTheTestName.received.json");
    }

    [Fact]
    public void CurrentName_OutsideARunningTest_SaysSo()
    {
        Exception? error = null;
        using (ExecutionContext.SuppressFlow())
        {
            var thread = new Thread(() => error = Record.Exception(() => XunitBaseline.CurrentName()));
            thread.Start();
            thread.Join();
        }

        error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("needs a running xUnit test");
    }
}
