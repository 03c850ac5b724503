using ModelAudit.Auditing;
using ModelAudit.Datasets;

namespace ModelAudit.Cli.Commands;

/// <summary>The demo's audit configs: the same gates for both models, on held-out generated shapes.</summary>
internal static class DemoConfigs
{
    /// <summary>The fixture models ship beside the tool, in <c>models/</c>.</summary>
    public static string ModelsFolder => Path.Combine(AppContext.BaseDirectory, "models");

    public static AuditConfig For(string model, bool shortcutMark) => new()
    {
        Model = Path.Combine(ModelsFolder, model + ".onnx"),
        Input = new InputConfig { Height = 64, Width = 64, Channels = "rgb", Mean = [0.5f], Std = [0.5f] },
        Images = new ImageSetConfig { Generate = new GeneratedSetConfig { Seed = 1000, Count = 200, ShortcutMark = shortcutMark } },
        Classes = ShapeDataset.ClassNames,
        Audits =
        [
            new OcclusionConfig { Window = 8, Stride = 4, MaxImages = 16, MinMassInside = 0.5, MinPointingGame = 0.7 },
            new FiltersConfig { MaxDeadFilters = 0, MaxNoisyFilters = 0 },
            new ActivationsConfig { Layers = ["relu1", "relu2"], MaxDeadChannelFraction = 0.1 },
            new InvarianceConfig { ShiftRange = 8, RotationRange = 180, RotationStep = 30, MaxImages = 32, MinShiftAgreement = 0.9, GateShift = 4 },
            new EmbeddingsConfig { MinSilhouette = 0.3, MinKnnAccuracy = 0.9, MaxImages = 200 },
            new GradientsConfig { MaxImages = 16, MinSaliencyMassInside = 0.5, MinGradCamMassInside = 0.45 },
            new ShortcutConfig { MaxImages = 64, MaxBorderMass = 0.5 },
            new FaithfulnessConfig { Methods = ["saliency", "grad_cam", "occlusion"], MaxImages = 8 },
        ],
    };
}
