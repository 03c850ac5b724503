using ModelAudit.Datasets;
using ModelAudit.Invariance;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Invariance;

/// <summary>Models, images and curves shared by the invariance tests, computed once per run.</summary>
internal static class InvarianceModels
{
    private static readonly Lazy<IReadOnlyList<ShapeSample>> LazyHeldOut = new(() => ShapeDataset.Generate(1000, 24));

    // Labels name the 180° class, so the curve's P(target) reads directly as P(rotated 180°).
    private static readonly Lazy<InvarianceCurve> LazyPaddleRotation = new(() => new InvarianceSweep(TestModels.PaddleOcr).Compute(
        Transform.Rotate(0, 180, 45, FillPolicy.EdgeReplicate),
        TestModels.TextLines.Take(5).Select(TestModels.Line).ToArray(),
        [1, 1, 1, 1, 1]));

    private static readonly Lazy<InvarianceCurve> LazyCleanShift = new(() => new InvarianceSweep(Clean).Compute(
        Transform.TranslateX(-4, 4, 1),
        HeldOut.Select(s => s.Image).ToArray(),
        HeldOut.Select(s => s.Label).ToArray()));

    public static AuditModel Clean => ShapesFixtures.Clean;

    public static IReadOnlyList<ShapeSample> HeldOut => LazyHeldOut.Value;

    /// <summary>PaddleOCR's text-direction classifier, 5 text lines rotated 0..180° in steps of 45°.</summary>
    public static InvarianceCurve PaddleRotation => LazyPaddleRotation.Value;

    /// <summary>The clean shapes model, 24 held-out images shifted −4..4 px horizontally.</summary>
    public static InvarianceCurve CleanShift => LazyCleanShift.Value;
}
