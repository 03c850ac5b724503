using Microsoft.ML;
using ModelAudit.Auditing;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Auditing;

/// <summary>
/// An audit file may name a saved ML.NET model (model.zip) instead of an ONNX file and its input: the run audits the
/// pipeline, checks the spec against it on its first images, and the report says so, with what it all ran on.
/// </summary>
public sealed class PipelineConfigTests
{
    private static string ServiceZip(string folder)
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(Array.Empty<PathRow>());
        var path = Path.Combine(folder, "service.zip");
        ml.Model.Save(MlNetPipelines.Shapes(ml).Fit(data), data.Schema, path);
        return path;
    }

    private static string Config(string folder, Func<string, string> edit) =>
        CliRunner.WriteConfig(folder, edit: json => edit(json
            .Replace(Repo.Path("fixtures", "models", "shapes-clean.onnx"), ServiceZip(folder), StringComparison.Ordinal)
            .Replace("""  "input": { "height": 64, "width": 64, "channels": "rgb", "mean": [0.5], "std": [0.5] },""", "", StringComparison.Ordinal)));

    [Fact]
    public void Run_MlNetModel_AuditsThePipelineAndRecordsTheCheck()
    {
        var run = AuditRunner.Run(AuditConfigReader.Load(Config(CliRunner.TempFolder(), json => json)), new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        run.Passed.Should().BeTrue(run.Summary);
        run.Provenance.ModelName.Should().Be("service.zip");
        run.Provenance.InputSpec.Should().Be("3x64x64 Rgb scale=[0.00784314, 0.00784314, 0.00784314] offset=[-1, -1, -1] resize=crop_center pad=#000000 resampling=mlnet");
        var settings = run.Provenance.Settings;
        settings["pipeline.transforms"].Should().StartWith("LoadImages('ImagePath' -> 'picture'").And.Contain("ResizeImages('picture' -> 'picture', 64x64, IsoCrop, anchor Center)");
        settings["pipeline.agreement"].Should().MatchRegex(@"^max \|pipeline - engine\| \S+ on 'logits' over 4 images x 4 values \(tolerance 0\.0001;");
        settings["engine.execution_provider"].Should().Be("CPU");
        settings["engine.onnxruntime"].Should().Be("1.32.0");
        settings["engine.mlnet"].Should().StartWith("6.0");
    }

    [Fact]
    public void Run_OnnxModel_RecordsTheExecutionProviderAndVersions()
    {
        var run = AuditRunner.Run(AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder(), edit: json => json.Replace(
            "\"audits\": {", "\"engine\": { \"device\": \"cuda\", \"fallback_to_cpu\": true },\n  \"audits\": {", StringComparison.Ordinal))));

        run.Provenance.Settings["engine.execution_provider"].Should().Be(
            OrtCuda ? "CUDA device 0" : "CPU (CUDA device 0 unavailable: fell back)", "the report names the provider actually used");
        run.Provenance.Settings.Keys.Should().NotContain("pipeline.transforms");
    }

    [Theory]
    [InlineData("""  "engine": { "device": "gpu" },""", "*engine.device is 'gpu'; use cpu or cuda.")]
    [InlineData("""  "engine": { "device": "cpu", "fallback_to_cpu": true },""", "*engine.device is cpu, but gpu_device_id or fallback_to_cpu is set*")]
    [InlineData("""  "engine": { "device": "cuda", "gpu_device_id": -1 },""", "*engine.gpu_device_id is -1; CUDA devices count from 0.")]
    [InlineData("""  "input": { "height": 64, "width": 64 },""", "*input is given, but '*service.zip' is an ML.NET model*remove 'input'*")]
    public void Load_BadEngineOrInput_NamesTheKey(string line, string message)
    {
        var act = () => AuditConfigReader.Load(Config(CliRunner.TempFolder(), json => json.Replace("  \"images\":", line + "\n  \"images\":", StringComparison.Ordinal)));

        act.Should().Throw<AuditConfigException>().WithMessage(message);
    }

    private static bool OrtCuda => Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider")
        && System.Runtime.InteropServices.NativeLibrary.TryLoad("libcublasLt.so.13", out _);

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
