using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Tests.TestSupport;

/// <summary>The trained shapes fixture models (fixtures/models), loaded once per run.</summary>
internal static class ShapesFixtures
{
    public static readonly InputSpec Spec = InputSpec.FromMeanStd(64, 64, ChannelOrder.Rgb, [0.5f], [0.5f]);

    private static readonly Lazy<AuditModel> LazyClean = new(() => Load("clean"));
    private static readonly Lazy<AuditModel> LazyDefective = new(() => Load("defective"));
    private static readonly Lazy<AuditModel> LazyShortcut = new(() => Load("shortcut"));
    private static readonly Lazy<AuditModel> LazyPlacedShortcut = new(() => Load("placed-shortcut"));
    private static readonly Lazy<AuditModel> LazyTexture = new(() => Load("texture"));
    private static readonly Lazy<RgbImage[]> LazyProbes = new(() => ShapeDataset.Generate(1000, 48).Select(s => s.Image).ToArray());

    public static AuditModel Clean => LazyClean.Value;

    public static AuditModel Defective => LazyDefective.Value;

    public static AuditModel Shortcut => LazyShortcut.Value;

    /// <summary>The shortcut model whose mark names the class by its place (<see cref="MarkPlacement.PerClass"/>).</summary>
    public static AuditModel PlacedShortcut => LazyPlacedShortcut.Value;

    /// <summary>The model that learnt the objects' textures instead of their shapes (<see cref="ObjectFill.PerClassTexture"/>).</summary>
    public static AuditModel Texture => LazyTexture.Value;

    /// <summary>48 held-out images (seed 1000).</summary>
    public static IReadOnlyList<RgbImage> Probes => LazyProbes.Value;

    private static AuditModel Load(string name) => AuditModel.Load(Repo.Path("fixtures", "models", $"shapes-{name}.onnx"), Spec);
}
