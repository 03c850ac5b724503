using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

/// <summary>The batch size is measured per model, and it changes speed only: results are the same bit for bit.</summary>
public sealed class BatchSizeTests
{
    public static TheoryData<string> Fixtures => new() { "shapes-clean", "shapes-shortcut", "shapes-defective", "shapes-untrained" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Predict_FixtureAtAnyBatchSize_GivesIdenticalBits(string name)
    {
        var images = ShapeDataset.Generate(77, 70).Select(s => s.Image).ToArray();
        var path = Repo.Path("fixtures", "models", name + ".onnx");

        var reference = Bits(path, ShapesFixtures.Spec, images, 1);

        foreach (var batch in new[] { 3, 16, 64 })
        {
            Bits(path, ShapesFixtures.Spec, images, batch).Should().Equal(reference, $"batch {batch} must not change a single bit");
        }
    }

    [Fact]
    public void Predict_PaddleOcrAtAnyBatchSize_GivesIdenticalBits()
    {
        var lines = new[] { "Hello", "ModelAudit", "2026", "audit", "text line", "ONNX" }.Select(TestModels.Line).ToList();
        lines.AddRange(lines.Select(TestModels.Upside).ToArray());

        var reference = PaddleBits(lines, 1);

        foreach (var batch in new[] { 5, 12 })
        {
            PaddleBits(lines, batch).Should().Equal(reference, $"batch {batch} must not change a single bit");
        }
    }

    [Fact]
    public void BatchSize_Default_IsMeasuredOnceAndIsAPowerOfTwoWithinTheLimit()
    {
        using var model = AuditModel.Load(Repo.Path("fixtures", "models", "shapes-clean.onnx"), ShapesFixtures.Spec);

        var measured = model.BatchSize;

        measured.Should().BeInRange(1, 64);
        (measured & (measured - 1)).Should().Be(0, "sizes are tried in powers of two");
        model.BatchSize.Should().Be(measured, "it is measured once per model");
    }

    [Fact]
    public void BatchSize_SetInOptions_IsUsedAsGiven()
    {
        using var model = AuditModel.Load(Repo.Path("fixtures", "models", "shapes-clean.onnx"), ShapesFixtures.Spec, new EngineOptions { BatchSize = 5 });

        model.BatchSize.Should().Be(5);
    }

    [Fact]
    public void BatchSize_ModelWithAFixedBatchOfOne_IsOne()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(dynamicBatch: false), "fixed.onnx", InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f], [0f]));

        model.BatchSize.Should().Be(1);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4097)]
    public void Load_BatchSizeOutOfRange_ThrowsNamingTheRange(int batch)
    {
        var act = () => AuditModel.Load(Repo.Path("fixtures", "models", "shapes-clean.onnx"), ShapesFixtures.Spec, new EngineOptions { BatchSize = batch });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 1 and 4096, or 0 to measure it*");
    }

    private static int[] Bits(string path, InputSpec spec, IReadOnlyList<RgbImage> images, int batch)
    {
        using var model = AuditModel.Load(path, spec, new EngineOptions { BatchSize = batch });
        return model.Predict(images).SelectMany(p => p.Probabilities).Select(BitConverter.SingleToInt32Bits).ToArray();
    }

    private static int[] PaddleBits(IReadOnlyList<RgbImage> lines, int batch)
    {
        _ = TestModels.PaddleOcr; // fetched on first use
        using var model = KnownModels.PaddleOcrClassifier(new EngineOptions { BatchSize = batch });
        return model.Predict(lines).SelectMany(p => p.Probabilities).Select(BitConverter.SingleToInt32Bits).ToArray();
    }
}
