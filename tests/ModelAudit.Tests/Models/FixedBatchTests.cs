using ModelAudit.Auditing;
using ModelAudit.Filters;
using ModelAudit.Gradients;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

/// <summary>
/// Models exported without a dynamic batch axis (batch 1 or 8, folded into their Reshape) run in padded batches of
/// exactly that size, and give what the dynamic export gives.
/// </summary>
public sealed class FixedBatchTests
{
    public static TheoryData<string> Fixed => new() { "batch1", "batch8" };

    [Theory]
    [MemberData(nameof(Fixed))]
    public void Predict_FixedBatch_MatchesTheDynamicExport(string variant)
    {
        var images = Exports.Images();
        using var dynamic = Exports.Load("dynamic");
        using var exported = Exports.Load(variant);

        var expected = dynamic.Predict(images, ["/Relu_2_output_0"]);
        var actual = exported.Predict(images, ["/Relu_2_output_0"]);

        actual.Should().HaveCount(images.Length);
        for (var i = 0; i < images.Length; i++)
        {
            actual[i].Probabilities.Should().Equal(expected[i].Probabilities, (a, b) => Math.Abs(a - b) <= 1e-4f, $"image {i}");
            actual[i].Tap("/Relu_2_output_0").Values.ToArray().Should().Equal(expected[i].Tap("/Relu_2_output_0").Values.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-4f);
        }
    }

    [Theory]
    [InlineData("batch1", 1)]
    [InlineData("batch8", 8)]
    public void BatchSize_FixedBatch_IsTheExportedSizeWhateverTheOptionsSay(string variant, int expected)
    {
        using var measured = Exports.Load(variant);
        using var configured = Exports.Load(variant, new EngineOptions { BatchSize = 5 });

        measured.BatchSize.Should().Be(expected);
        configured.BatchSize.Should().Be(expected, "the model runs at no other size");
    }

    [Theory]
    [MemberData(nameof(Fixed))]
    public void Occlusion_FixedBatchInEitherMode_MatchesTheDynamicExport(string variant)
    {
        var images = Exports.Images(2);
        using var dynamic = Exports.Load("dynamic");
        using var exported = Exports.Load(variant);
        var full = new OcclusionOptions { WindowHeight = 16, WindowWidth = 16, Stride = 8, BatchSize = 5 };

        var expected = new OcclusionSensitivity(dynamic).Compute(images, full);
        var plain = new OcclusionSensitivity(exported).Compute(images, full);
        // The suffix holds the export's folded Reshape: it runs exactly the exported batch, padded.
        var split = new OcclusionSensitivity(exported) { SplitAt = "/Relu_1_output_0" };
        var incremental = split.Compute(images, full with { Mode = OcclusionMode.Incremental });
        split.PlanFor(full with { Mode = OcclusionMode.Incremental }).Should().NotBeNull("a fixed-batch export takes the incremental path too");

        for (var i = 0; i < images.Length; i++)
        {
            plain[i].Attribution.ToArray().Should().Equal(expected[i].Attribution.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-4f);
            incremental[i].Attribution.ToArray().Should().Equal(expected[i].Attribution.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-4f,
                "incremental occlusion of a fixed-batch export gives the dynamic export's map");
        }
    }

    [Theory]
    [MemberData(nameof(Fixed))]
    public void Saliency_FixedBatch_MatchesTheDynamicExport(string variant)
    {
        var images = Exports.Images(3);
        using var dynamic = Exports.Load("dynamic");
        using var exported = Exports.Load(variant);
        var expected = new Saliency(dynamic);
        var actual = new Saliency(exported);

        var want = expected.Compute(images);
        var got = actual.Compute(images);

        for (var i = 0; i < images.Length; i++)
        {
            got[i].Values.Should().Equal(want[i].Values, (a, b) => Math.Abs(a - b) <= 1e-4f * Math.Max(1, Math.Abs(b)));
        }
    }

    [Theory]
    [MemberData(nameof(Fixed))]
    public void FilterReport_FixedBatch_MatchesTheDynamicExport(string variant)
    {
        using var dynamic = Exports.Load("dynamic");
        using var exported = Exports.Load(variant);

        FilterReport.For(exported).Filters.Select(f => f.Norm).Should().Equal(FilterReport.For(dynamic).Filters.Select(f => f.Norm));
    }

    [Fact]
    public void ReferencePipeline_Batch8_IsRefusedWithTheReason()
    {
        using var model = Exports.Load("batch8");

        var create = () => model.CreateReferencePipeline();

        create.Should().Throw<InvalidModelException>().WithMessage("*takes exactly 8 images per run*dynamic batch axis*");
    }

    [Theory]
    [MemberData(nameof(Fixed))]
    public void Run_FixedBatchWithEveryRegisteredAudit_MeasuresLikeTheDynamicExport(string variant)
    {
        var folder = Directory.CreateTempSubdirectory("modelaudit-fixed-").FullName;
        var options = new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch };
        var expected = AuditRunner.Run(AuditConfigReader.Load(Exports.WriteConfig(Directory.CreateDirectory(Path.Combine(folder, "d")).FullName, Exports.Path("dynamic"))), options);

        var actual = AuditRunner.Run(AuditConfigReader.Load(Exports.WriteConfig(folder, Exports.Path(variant))), options);

        actual.Checks.Select(c => c.Audit).Distinct().Should().BeEquivalentTo(AuditRegistry.All.Select(k => k.Name));
        actual.Checks.Select(c => (c.Audit, c.Name, c.Passed)).Should().Equal(expected.Checks.Select(c => (c.Audit, c.Name, c.Passed)));
        actual.Checks.Select(c => c.Verdict).Should().Equal(expected.Checks.Select(c => c.Verdict));
        actual.Checks.Select(c => c.Measured).Should().Equal(expected.Checks.Select(c => c.Measured), (a, b) => (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-3 * Math.Max(1, Math.Abs(b)));
    }

    [Theory]
    [MemberData(nameof(Fixed))]
    public void Cli_FixedBatch_InspectsAndAuditsWithoutCrashing(string variant)
    {
        var folder = CliRunner.TempFolder();

        var inspect = CliRunner.Run("inspect", Exports.Path(variant));
        var audit = CliRunner.Run("audit", "--config", Exports.WriteConfig(folder, Exports.Path(variant)), "--out", Path.Combine(folder, "out"));

        inspect.Exit.Should().Be(0, inspect.Error);
        inspect.Output.Should().Contain("conv layers (3)");
        audit.Exit.Should().BeOneOf([0, 1], audit.Error);
        audit.Error.Should().NotContain("   at ", "no stack trace escapes");
    }
}
