using System.Text.Json.Nodes;
using ModelAudit.Auditing;
using ModelAudit.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Cli;

/// <summary><c>modelaudit init</c>: a draft that follows the schema, says what it guessed, and that <c>audit</c> runs unchanged.</summary>
public sealed class InitCommandTests
{
    [Fact]
    public void Init_BundledShapesModelAndFolder_DraftsAConfigWhoseEveryCheckPasses()
    {
        var folder = CliRunner.TempFolder();
        CliRunner.Run("shapes", "--out", Path.Combine(folder, "images"), "--model", Path.Combine(folder, "models", "model.onnx")).Exit.Should().Be(0);

        var init = CliRunner.Run("init", Path.Combine(folder, "models", "model.onnx"), "--images", Path.Combine(folder, "images"), "--out", Path.Combine(folder, "audit.json"));

        init.Exit.Should().Be(ExitCodes.Success, init.Error);
        init.Output.Should().Contain("the bundled shapes-clean model").And.Contain("next: modelaudit audit --config");
        var json = Draft(folder);
        json["model"]!.GetValue<string>().Should().Be("models/model.onnx");
        json["images"]!["folder"]!.GetValue<string>().Should().Be("images");
        json["audits"]!.AsObject().Select(a => a.Key).Should().Equal(
            "occlusion", "filters", "activations", "invariance", "embeddings", "gradients", "shortcut", "faithfulness");
        json["audits"]!["activations"]!["layers"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("relu1", "relu2");
        var audit = CliRunner.Run("audit", "--config", Path.Combine(folder, "audit.json"), "--out", Path.Combine(folder, "report"));
        audit.Exit.Should().Be(ExitCodes.Success, audit.Output + audit.Error);
        audit.Output.Should().MatchRegex("all 1[0-9] checks passed");
    }

    [Fact]
    public void Init_TorchvisionExport_GuessesImageNetAndTheAuditRunsUnchanged()
    {
        var folder = CliRunner.TempFolder();
        CliRunner.Run("shapes", "--out", Path.Combine(folder, "images"), "--count", "48").Exit.Should().Be(0);
        var model = Repo.Path("fixtures", "families", "mobilenet_v3_small-half.onnx");

        var init = CliRunner.Run("init", model, "--images", Path.Combine(folder, "images"), "--out", Path.Combine(folder, "audit.json"));

        init.Exit.Should().Be(ExitCodes.Success, init.Error);
        var json = Draft(folder);
        json["input"]!.ToJsonString().Should().Be("""{"height":64,"width":64,"channels":"rgb","mean":[0.485,0.456,0.406],"std":[0.229,0.224,0.225]}""");
        Notes(json).Should().Contain(n => n.StartsWith("input.mean/std: ImageNet's, guessed", StringComparison.Ordinal))
            .And.Contain(n => n.StartsWith("classes: not set", StringComparison.Ordinal));
        json["audits"]!["filters"]!["layer"]!.GetValue<string>().Should().Be("/features/features.0/features.0.0/Conv");
        json["audits"]!["embeddings"]!["layer"]!.GetValue<string>().Should().Be("/classifier/classifier.1/Mul_output_0");
        var audit = CliRunner.Run("audit", "--config", Path.Combine(folder, "audit.json"), "--out", Path.Combine(folder, "report"));
        audit.Exit.Should().Be(ExitCodes.AuditFailed, "an untrained model fails the drafted gates, but the draft runs: " + audit.Error);
        File.Exists(Path.Combine(folder, "report", "report.json")).Should().BeTrue();
    }

    [Fact]
    public void Init_DynamicSizeAndNoFolder_Guesses224AndSaysWhatIsMissing()
    {
        var folder = CliRunner.TempFolder();
        var model = Path.Combine(folder, "dynamic.onnx");
        File.WriteAllBytes(model, DynamicSizeClassifier());

        var init = CliRunner.Run("init", model, "--out", Path.Combine(folder, "audit.json"));

        init.Exit.Should().Be(ExitCodes.Success, init.Error);
        var json = Draft(folder);
        json["input"]!["height"]!.GetValue<int>().Should().Be(224);
        json["audits"]!["activations"]!["layers"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("relu");
        json["audits"]!.AsObject().Should().NotContainKey("occlusion").And.NotContainKey("gradients");
        json["audits"]!["embeddings"]!["layer"]!.GetValue<string>().Should().Be("flat", "the input of the last Gemm, past the Flatten");
        Notes(json).Should().Contain(n => n.StartsWith("input.height/width: the model's input image: float[N,3,N,N] has a dynamic size, so 224 is a guess", StringComparison.Ordinal))
            .And.Contain(n => n.StartsWith("images.folder: images/ beside this file, which does not exist yet", StringComparison.Ordinal))
            .And.Contain(n => n.StartsWith("audits.occlusion, audits.gradients: left out, because the images folder does not exist yet", StringComparison.Ordinal));
    }

    [Fact]
    public void Init_FolderWithoutBoxesButWithClassNames_LeavesOutBoxAuditsAndNamesTheFile()
    {
        var folder = CliRunner.TempFolder();
        var images = Directory.CreateDirectory(Path.Combine(folder, "photos")).FullName;
        File.WriteAllText(Path.Combine(images, "labels.csv"), "file,label\na.png,0\n");
        File.WriteAllText(Path.Combine(images, "classes.txt"), "circle\nsquare\ntriangle\ncross\n");

        var init = CliRunner.Run("init", Repo.Path("fixtures", "models", "exports", "exports-dynamic.onnx"), "--images", images, "--out", Path.Combine(folder, "audit.json"));

        init.Exit.Should().Be(ExitCodes.Success, init.Error);
        var json = Draft(folder);
        json["classes"]!.GetValue<string>().Should().Be("photos/classes.txt");
        json["audits"]!.AsObject().Should().NotContainKey("occlusion");
        Notes(json).Should().Contain("audits.occlusion, audits.gradients: left out, because labels.csv has no box columns (x,y,width,height) or mask; both measure how much evidence lies inside each image's box.");
        AuditConfigReader.Load(Path.Combine(folder, "audit.json")).Classes.Should().Equal("circle", "square", "triangle", "cross");
    }

    [Fact]
    public void Init_Segmenter_DraftsADenseTargetAndEquivariance()
    {
        var folder = CliRunner.TempFolder();
        File.Copy(Repo.Path("fixtures", "families", "lraspp_mobilenet_v3_large-half.onnx"), Path.Combine(folder, "seg.onnx"));
        CliRunner.Run("shapes", "--out", Path.Combine(folder, "images"), "--count", "8").Exit.Should().Be(0);

        var init = CliRunner.Run("init", Path.Combine(folder, "seg.onnx"), "--out", Path.Combine(folder, "audit.json"));

        init.Exit.Should().Be(ExitCodes.Success, init.Error);
        var json = Draft(folder);
        json["target"]!.ToJsonString().Should().Be("""{"kind":"dense","channel":0}""");
        json["audits"]!.AsObject().Select(a => a.Key).Should().Equal("occlusion", "filters", "activations", "gradients", "equivariance");
        json.AsObject().Should().NotContainKey("classes");
    }

    [Fact]
    public void Init_ExistingFile_IsKeptUnlessForced()
    {
        var folder = CliRunner.TempFolder();
        var path = Path.Combine(folder, "audit.json");
        File.WriteAllText(path, "{ \"mine\": true }");
        var model = Repo.Path("fixtures", "models", "shapes-clean.onnx");

        var refused = CliRunner.Run("init", model, "--out", path);
        var forced = CliRunner.Run("init", model, "--out", path, "--force");

        refused.Exit.Should().Be(ExitCodes.InvalidInput);
        refused.Error.Should().Contain($"'{path}' already exists; pass --force to overwrite it, or --out to write the draft elsewhere.");
        forced.Exit.Should().Be(ExitCodes.Success);
        File.ReadAllText(path).Should().Contain("\"$schema\"");
    }

    [Fact]
    public void Init_ModelWithoutAnImageInput_ExitsTwoNamingTheModel()
    {
        var folder = CliRunner.TempFolder();
        var model = Path.Combine(folder, "table.onnx");
        File.WriteAllBytes(model, new TinyOnnx().Input("x", -1, 10).Output("y", -1, 10).Node("Relu", ["x"], ["y"]).Build());

        var (exit, _, error) = CliRunner.Run("init", model, "--out", Path.Combine(folder, "audit.json"));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain($"'{model}': input x: float[N,10] is not an image; init drafts audits for a model with one image input");
        File.Exists(Path.Combine(folder, "audit.json")).Should().BeFalse();
    }

    [Fact]
    public void Init_MissingModel_ExitsTwoNamingTheFile()
    {
        var (exit, _, error) = CliRunner.Run("init", "/no/such/model.onnx", "--out", Path.Combine(CliRunner.TempFolder(), "audit.json"));

        exit.Should().Be(ExitCodes.InvalidInput);
        error.Should().Contain("'/no/such/model.onnx' does not exist");
    }

    /// <summary>The draft, after checking that it follows the schema and that the config reader takes it.</summary>
    private static JsonNode Draft(string folder)
    {
        var path = Path.Combine(folder, "audit.json");
        var json = ConfigSchema.Parse(File.ReadAllText(path));
        ConfigSchema.Errors(json).Should().BeEmpty();
        json["$schema"]!.GetValue<string>().Should().Be(ConfigReference.SchemaUrl);
        AuditConfigReader.Parse(File.ReadAllText(path), path).Notes.Should().NotBeEmpty();
        return json;
    }

    private static string[] Notes(JsonNode json) => json["_notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    /// <summary>Conv → Relu → global pool → Gemm, with every size but the channels dynamic.</summary>
    private static byte[] DynamicSizeClassifier() => new TinyOnnx()
        .Input("image", -1, 3, -1, -1)
        .Output("logits", -1, 4)
        .Weight("w", new float[4 * 3 * 3 * 3], 4, 3, 3, 3)
        .Weight("fc", new float[4 * 4], 4, 4)
        .Node("Conv", ["image", "w"], ["conv"], TinyOnnx.Ints("pads", 1, 1, 1, 1))
        .Node("Relu", ["conv"], ["relu"])
        .Node("GlobalAveragePool", ["relu"], ["pool"])
        .Node("Flatten", ["pool"], ["flat"])
        .Node("Gemm", ["flat", "fc"], ["logits"], TinyOnnx.Int("transB", 1))
        .Build();
}
