using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>Occlusion maps of the shapes fixture models on 20 held-out images (seed 1000), computed once per run.</summary>
internal static class OcclusionFixtures
{
    public const int HeldOutSeed = 1000;
    public const int Count = 20;

    public static readonly Lazy<IReadOnlyList<ShapeSample>> Plain = new(() => ShapeDataset.Generate(HeldOutSeed, Count));

    public static readonly Lazy<IReadOnlyList<ShapeSample>> Marked = new(() =>
        ShapeDataset.Generate(HeldOutSeed, Count, new ShapeDatasetOptions { ShortcutMark = true }));

    public static readonly Lazy<IReadOnlyList<OcclusionMap>> CleanOnPlain = new(() => Maps(ShapesFixtures.Clean, Plain.Value));

    public static readonly Lazy<IReadOnlyList<OcclusionMap>> ShortcutOnMarked = new(() => Maps(Shortcut, Marked.Value));

    private static readonly Lazy<AuditModel> LazyShortcut = new(() =>
        AuditModel.Load(Repo.Path("fixtures", "models", "shapes-shortcut.onnx"), ShapesFixtures.Spec));

    public static AuditModel Shortcut => LazyShortcut.Value;

    /// <summary>The mark's box grown by half a window: an 8-pixel window smears the 6×6 mark's evidence around it.</summary>
    public static PixelBox MarkRegion { get; } = Around(ShapeDataset.MarkBox);

    /// <summary>A box grown by half a window (4 px), clipped to the 64×64 image: a window over its edge already covers part of it.</summary>
    public static PixelBox Around(PixelBox box) => box.Inflate(4, new PixelBox(0, 0, 64, 64));

    private static IReadOnlyList<OcclusionMap> Maps(AuditModel model, IReadOnlyList<ShapeSample> samples) =>
        new OcclusionSensitivity(model).Compute(samples.Select(s => s.Image).ToArray(), OcclusionOptions.Default);
}
