using ModelAudit.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Cli;

/// <summary>Runs the modelaudit command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static string TempFolder() => Directory.CreateTempSubdirectory("modelaudit-cli-").FullName;

    /// <summary>A small, quick audit file over the clean fixture model; <paramref name="edit"/> changes its JSON text.</summary>
    public static string WriteConfig(string folder, string model = "shapes-clean", Func<string, string>? edit = null)
    {
        var json = $$"""
            {
              "model": "{{Repo.Path("fixtures", "models", model + ".onnx")}}",
              "input": { "height": 64, "width": 64, "channels": "rgb", "mean": [0.5], "std": [0.5] },
              "images": { "generate": { "seed": 1000, "count": 48, "shortcut_mark": {{(model == "shapes-shortcut" ? "true" : "false")}} } },
              "classes": ["circle", "square", "triangle", "cross"],
              "audits": {
                "occlusion": { "window": 8, "stride": 8, "max_images": 6, "min_mass_inside": 0.5 },
                "filters": { "max_dead_filters": 0, "max_noisy_filters": 0 },
                "activations": { "layers": ["relu1"], "max_dead_channel_fraction": 0.1 },
                "invariance": { "shift_range": 4, "rotation_range": 0, "max_images": 12, "min_shift_agreement": 0.9, "gate_shift": 2 },
                "embeddings": { "max_images": 48, "min_silhouette": 0.3 }
              }
            }
            """;
        var path = Path.Combine(folder, "audit.json");
        File.WriteAllText(path, edit is null ? json : edit(json));
        return path;
    }
}
