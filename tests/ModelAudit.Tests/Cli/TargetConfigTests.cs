using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Cli;

/// <summary>Models that are not classifiers, audited from a config: PaddleOCR's recogniser and detector.</summary>
public sealed class TargetConfigTests
{
    private static string Cache(string file)
    {
        _ = TestModels.PaddleOcrRecogniser;
        return Path.Combine(KnownModels.CacheFolder, file).Replace("\\", "/", StringComparison.Ordinal);
    }

    private static string Config(string folder, string model, string input, string images, string? target, string audits)
    {
        var path = Path.Combine(folder, "audit.json");
        File.WriteAllText(path, $$"""
            {
              "model": "{{Cache(model)}}",
              "input": {{input}},
              "images": { "folder": "{{Repo.Path("audits", "data", images).Replace("\\", "/", StringComparison.Ordinal)}}" },
              {{(target is null ? "" : $"\"target\": {target},")}}
              "audits": { {{audits}} }
            }
            """);
        return path;
    }

    private const string RecogniserInput = """{ "height": 48, "width": 320, "channels": "bgr", "mean": [0.5], "std": [0.5], "resize": "fit_height", "pad": [128] }""";

    private const string DetectorInput = """{ "height": 160, "width": 416, "channels": "bgr", "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "resize": "letterbox", "pad": [255] }""";

    [Fact]
    public void Audit_RecogniserWithSequenceTarget_GatesOcclusionAndSaliencyOnTheGlyphs()
    {
        var folder = CliRunner.TempFolder();
        var config = Config(folder, KnownModels.PaddleOcrRecogniserFile, RecogniserInput, "text-lines",
            $$"""{ "kind": "sequence", "charset": "{{Cache(KnownModels.PaddleOcrCharsetFile)}}" }""",
            """
            "occlusion": { "window": 24, "stride": 24, "max_images": 2, "box_margin": 8, "min_mass_inside": 0.8 },
            "filters": { "max_dead_filters": 0 },
            "gradients": { "max_images": 2, "box_margin": 4, "min_saliency_mass_inside": 0.5 }
            """);

        var run = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        run.Exit.Should().Be(0, run.Output + run.Error);
        run.Output.Should().Contain("pass  occlusion").And.Contain("pass  gradients").And.Contain("pass  filters");
        var report = File.ReadAllText(Path.Combine(folder, "out", "report.html"));
        report.Should().Contain("text &#39;Invoice 2026&#39;").And.Contain("log-probability of the text (CTC)").And.Contain("fit_height");
    }

    [Fact]
    public void Audit_DetectorWithDenseTarget_MeasuresEquivarianceAndOcclusion()
    {
        var folder = CliRunner.TempFolder();
        var config = Config(folder, KnownModels.PaddleOcrDetectorFile, DetectorInput, "text-pages", """{ "kind": "dense" }""",
            """
            "occlusion": { "window": 32, "stride": 32, "max_images": 2, "box_margin": 16, "fill": "blur", "min_mass_inside": 0.5 },
            "equivariance": { "shifts": [-16, 16], "max_images": 2, "max_error": 0.5 }
            """);

        var run = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        run.Exit.Should().BeOneOf([0, 1], run.Error);
        run.Output.Should().Contain("occlusion: mean share of occlusion drop mass inside the object box: measured")
            .And.Contain("pass  equivariance: equivariance error of the output");
        run.Output.Should().NotContain("NOT MEASURED");
    }

    [Fact]
    public void Audit_MapModelWithoutTarget_ExitsTwoNamingTheTargetKinds()
    {
        var folder = CliRunner.TempFolder();
        var config = Config(folder, KnownModels.PaddleOcrDetectorFile, DetectorInput, "text-pages", null, """ "occlusion": { "min_mass_inside": 0.5 } """);

        var run = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        run.Exit.Should().Be(2);
        run.Error.Should().Contain("not a classifier").And.Contain("[1,160,416]").And.Contain("\"kind\": \"dense\"").And.NotContain("   at ");
    }

    [Theory]
    [InlineData("""{ "kind": "boxes" }""", "target.kind")]
    [InlineData("""{ "kind": "sequence" }""", "target.charset")]
    [InlineData("""{ "kind": "dense", "reduction": "max" }""", "target.reduction")]
    [InlineData("""{ "kind": "dense", "channel": 3 }""", "channel 3 is out of range")]
    [InlineData("""{ "kind": "dense", "output": "nope" }""", "no output named 'nope'")]
    public void Audit_BadTarget_ExitsTwoNamingTheKey(string target, string expected)
    {
        var folder = CliRunner.TempFolder();
        var config = Config(folder, KnownModels.PaddleOcrDetectorFile, DetectorInput, "text-pages", target, """ "filters": { "max_dead_filters": 0 } """);

        var run = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        run.Exit.Should().Be(2, run.Output);
        run.Error.Should().Contain(expected).And.NotContain("   at ");
    }

    [Theory]
    [InlineData(""" "resize": "squash" """, "input.resize")]
    [InlineData(""" "pad": [1, 2] """, "input.pad")]
    public void Audit_BadResize_ExitsTwoNamingTheKey(string setting, string key)
    {
        var folder = CliRunner.TempFolder();
        var input = DetectorInput.Replace(""", "resize": "letterbox", "pad": [255] }""", $", {setting} }}", StringComparison.Ordinal);
        var config = Config(folder, KnownModels.PaddleOcrDetectorFile, input, "text-pages", """{ "kind": "dense" }""", """ "filters": { "max_dead_filters": 0 } """);

        var run = CliRunner.Run("audit", "--config", config, "--out", Path.Combine(folder, "out"));

        run.Exit.Should().Be(2, run.Output);
        run.Error.Should().Contain(key);
    }
}

/// <summary>The gradients section's extra methods, each gated on its own mass inside the box.</summary>
public sealed class GradientMethodsConfigTests
{
    private static string Config(string folder, string model, string gradients) => CliRunner.WriteConfig(folder, model, json =>
        json.Replace("\"embeddings\": { \"max_images\": 48, \"min_silhouette\": 0.3 }", $"\"gradients\": {gradients}", StringComparison.Ordinal));

    [Fact]
    public void Audit_EveryMethodOnCleanAndShortcutModels_EachIsGatedAndTheShortcutFails()
    {
        var folder = CliRunner.TempFolder();
        const string Gradients = """{ "max_images": 4, "methods": ["guided_backprop", "deconvnet", "integrated_gradients", "smoothgrad"], "min_mass_inside": 0.4 }""";

        var clean = CliRunner.Run("audit", "--config", Config(Path.Combine(folder), "shapes-clean", Gradients), "--out", Path.Combine(folder, "clean"));
        var shortcut = CliRunner.Run("audit", "--config", Config(Directory.CreateDirectory(Path.Combine(folder, "s")).FullName, "shapes-shortcut", Gradients), "--out", Path.Combine(folder, "shortcut"));

        foreach (var method in new[] { "guided backpropagation", "deconvnet", "integrated gradients", "SmoothGrad" })
        {
            clean.Output.Should().Contain($"pass  gradients: mean share of {method} mass inside the object box");
        }

        shortcut.Output.Should().Contain("FAIL  gradients: mean share of integrated gradients mass inside the object box");
    }

    [Theory]
    [InlineData("""{ "methods": ["occlusion"], "min_mass_inside": 0.4 }""", "audits.gradients.methods")]
    [InlineData("""{ "min_mass_inside": 0.4 }""", "audits.gradients.min_mass_inside")]
    public void Audit_BadMethods_ExitTwoNamingTheKey(string gradients, string key)
    {
        var folder = CliRunner.TempFolder();

        var run = CliRunner.Run("audit", "--config", Config(folder, "shapes-clean", gradients), "--out", Path.Combine(folder, "out"));

        run.Exit.Should().Be(2, run.Output);
        run.Error.Should().Contain(key);
    }
}
