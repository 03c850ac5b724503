using FluentAssertions.Execution;
using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;

namespace ShapesAudit;

/// <summary>
/// The gate must close on a model that is right for the wrong reason. The shortcut model scores 100% on images that
/// carry a class-coloured corner mark — and 26% without it: it never learned the shapes.
/// </summary>
public sealed class ShortcutModelAudit : IDisposable
{
    private readonly AuditModel _model = AuditModel.Load(ShapesModelFixture.ModelPath("shapes-shortcut"), ShapesModelFixture.Spec);
    private readonly IReadOnlyList<ShapeSample> _marked = ShapeDataset.Generate(1000, 8, new ShapeDatasetOptions { ShortcutMark = true });

    [Fact]
    public void Accuracy_alone_would_let_the_shortcut_model_through() =>
        _model.Predict(_marked.Select(s => s.Image).ToArray()).Select(p => p.Top1)
            .Should().Equal(_marked.Select(s => s.Label));

    [Fact]
    public void The_occlusion_gate_fails_with_the_evidence_on_the_mark()
    {
        var sample = _marked[0];
        var map = new OcclusionSensitivity(_model).Compute(sample.Image);

        var gate = () => map.Should().PutMassInside(sample.Box.Inflate(2, sample.Image.Bounds), atLeast: 0.5);

        gate.Should().Throw<AssertionFailedException>()
            .WithMessage("Expected occlusion map for class 0 to put at least 50% of its positive drop mass inside box (12,10,37x37), but found 0% (peak at 1,1; max drop 0.93 at window (0,0,8x8)*");
        map.Should().PeakInside(ShapeDataset.MarkBox.Inflate(4, sample.Image.Bounds));
    }

    [Fact]
    public void The_clean_model_passes_the_same_gate_on_the_same_image()
    {
        using var clean = AuditModel.Load(ShapesModelFixture.ModelPath("shapes-clean"), ShapesModelFixture.Spec);
        var sample = _marked[0];

        new OcclusionSensitivity(clean).Compute(sample.Image)
            .Should().PutMassInside(sample.Box.Inflate(2, sample.Image.Bounds), atLeast: 0.5)
            .And.PutLittleMassInside(ShapeDataset.MarkCorner, atMost: 0.1);
    }

    public void Dispose() => _model.Dispose();
}
