using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Tests.TestSupport;

/// <summary>The models of <c>fixtures/models/exports/make_exports.py</c>: one small CNN exported the ways teams export them.</summary>
internal static class Exports
{
    public static string Path(string variant) => Repo.Path("fixtures", "models", "exports", $"exports-{variant}.onnx");

    public static AuditModel Load(string variant, EngineOptions? options = null) => AuditModel.Load(Path(variant), ShapesFixtures.Spec, options);

    /// <summary>A count that is no multiple of 8, so the last batch of a batch-8 model is padded.</summary>
    public static RgbImage[] Images(int count = 11) => ShapeDataset.Generate(4242, count).Select(s => s.Image).ToArray();

    /// <summary>
    /// An audit file running every registered audit on <paramref name="model"/> (gradients optional, with the map
    /// <paramref name="methods"/> given), quickly.
    /// </summary>
    public static string WriteConfig(string folder, string model, bool gradients = true, string[]? methods = null)
    {
        var listed = methods is null ? "" : $", \"methods\": [{string.Join(", ", methods.Select(m => $"\"{m}\""))}]";
        var path = System.IO.Path.Combine(folder, "audit.json");
        File.WriteAllText(path, $$"""
            {
              "model": "{{model}}",
              "input": { "height": 64, "width": 64, "channels": "rgb", "mean": [0.5], "std": [0.5] },
              "images": { "generate": { "seed": 7, "count": 12 } },
              "audits": {
                "occlusion": { "window": 16, "stride": 16, "max_images": 3, "min_mass_inside": 0.1 },
                "filters": { "max_dead_filters": 0 },
                "activations": { "max_dead_channel_fraction": 0.5 },
                "invariance": { "shift_range": 2, "rotation_range": 90, "rotation_step": 45, "max_images": 4, "min_shift_agreement": 0.5, "gate_shift": 1 },
                "equivariance": { "shifts": [-4, 4], "max_images": 2, "max_error": 1 },
                "shortcut": { "method": "occlusion", "max_images": 12, "min_images_per_class": 2 },
                "faithfulness": { "methods": ["occlusion"], "max_images": 2, "steps": 4 },
                "texture": { "max_images": 2, "max_drift": 1 },
                "embeddings": { "min_silhouette": -1 }{{(gradients ? ",\n\"gradients\": { \"max_images\": 3, \"min_saliency_mass_inside\": 0.1" + listed + " }" : "")}}
              }
            }
            """);
        return path;
    }
}
