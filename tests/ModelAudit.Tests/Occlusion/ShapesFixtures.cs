using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>The committed shapes models and their occlusion maps on 20 held-out images (seed 1000), computed once.</summary>
internal static class ShapesFixtures
{
    public const int HeldOutSeed = 1000;
    public const int Count = 20;

    public static readonly InputSpec Spec = InputSpec.FromMeanStd(64, 64, ChannelOrder.Rgb, [0.5f], [0.5f]);

    public static readonly Lazy<IReadOnlyList<ShapeSample>> Plain = new(() => ShapeDataset.Generate(HeldOutSeed, Count));

    public static readonly Lazy<IReadOnlyList<ShapeSample>> Marked = new(() =>
        ShapeDataset.Generate(HeldOutSeed, Count, new ShapeDatasetOptions { ShortcutMark = true }));

    private static readonly Lazy<AuditModel> LazyClean = new(() => Load("shapes-clean"));
    private static readonly Lazy<AuditModel> LazyShortcut = new(() => Load("shapes-shortcut"));

    public static readonly Lazy<IReadOnlyList<OcclusionMap>> CleanOnPlain = new(() => Maps(Clean, Plain.Value));

    public static readonly Lazy<IReadOnlyList<OcclusionMap>> ShortcutOnMarked = new(() => Maps(Shortcut, Marked.Value));

    public static AuditModel Clean => LazyClean.Value;

    public static AuditModel Shortcut => LazyShortcut.Value;

    /// <summary>Skips the calling test when the fixture models are not in the checkout.</summary>
    public static void RequireModels() =>
        Assert.SkipUnless(File.Exists(PathOf("shapes-clean")) && File.Exists(PathOf("shapes-shortcut")), "fixtures/models/shapes-*.onnx are not in this checkout.");

    private static IReadOnlyList<OcclusionMap> Maps(AuditModel model, IReadOnlyList<ShapeSample> samples) =>
        new OcclusionSensitivity(model).Compute(samples.Select(s => s.Image).ToArray(), OcclusionOptions.Default);

    private static AuditModel Load(string name) => AuditModel.Load(PathOf(name), Spec);

    private static string PathOf(string name) => Repo.Path("fixtures", "models", name + ".onnx");

    /// <summary>The object box grown by half a window: an 8-pixel window over the edge already covers part of the object.</summary>
    public static PixelBox Around(PixelBox box) => box.Inflate(4, new PixelBox(0, 0, 64, 64));
}
