using System.Diagnostics;
using System.Globalization;
using ModelAudit.Auditing;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Fuzz;

/// <summary>
/// Seeded, bounded fuzzing of what users hand ModelAudit: ONNX files, images and audit configs, mutated byte by byte.
/// Every input must either work or fail with one of ModelAudit's own exceptions carrying a message — never a raw
/// runtime error. <c>MODELAUDIT_FUZZ_ITERATIONS</c> scales each run (default 150, a few seconds); a long run:
/// <c>MODELAUDIT_FUZZ_ITERATIONS=20000 MODELAUDIT_FUZZ_REPORT=fuzz.txt dotnet test tests/ModelAudit.Tests -- --filter-class "*FuzzTests"</c>,
/// which appends each kind's counts and peak memory to the report file.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper log)
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("MODELAUDIT_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : 150;

    [Fact]
    public void Models_Mutated_LoadAndRunOrFailCleanly()
    {
        var original = File.ReadAllBytes(Repo.Path("fixtures", "models", "shapes-clean.onnx"));
        var spec = InputSpec.FromMeanStd(64, 64, ChannelOrder.Rgb, [0.5f], [0.5f]);
        var image = RgbImage.Filled(64, 64, new Rgb(90, 120, 200));
        Fuzz("model", 1, original, bytes =>
        {
            using var model = AuditModel.Load(bytes, "mutant.onnx", spec, new EngineOptions { Threads = 1, BatchSize = 1 });
            model.Predict(image);
        });
    }

    [Fact]
    public void Images_Mutated_DecodeOrFailCleanly()
    {
        var png = ImageCodec.EncodePng(RgbImage.Create(48, 32, (x, y) => new Rgb((byte)(x * 5), (byte)(y * 7), (byte)(x ^ y))));
        Fuzz("png", 2, png, bytes => ImageCodec.Decode(bytes, "mutant.png"));
    }

    [Fact]
    public void Configs_Mutated_ReadOrFailCleanly()
    {
        var folder = CliRunner.TempFolder();
        var path = CliRunner.WriteConfig(folder);
        var text = File.ReadAllBytes(path);
        Fuzz("config", 3, text, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            AuditConfigReader.Load(path);
        });
    }

    private void Fuzz(string what, int seed, byte[] original, Action<byte[]> use)
    {
        var mutator = new Mutator(seed);
        var (worked, clean) = (0, 0);
        var unexpected = new List<string>();
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = mutator.Mutate(original);
            try
            {
                use(bytes);
                worked++;
            }
            catch (ModelAuditException ex) when (ex.Message.Length > 0)
            {
                clean++;
            }
            catch (Exception ex)
            {
                unexpected.Add($"#{i} ({mutator.Describe}): {ex.GetType().Name}: {ex.Message}");
            }
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        var summary = $"{what}: {Iterations} inputs in {timer.Elapsed.TotalSeconds:0.0} s — {worked} worked, {clean} clean errors, {unexpected.Count} unexpected; peak working set {peak} MB";
        log.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("MODELAUDIT_FUZZ_REPORT") is { Length: > 0 } report)
        {
            File.AppendAllLines(report, [summary, .. unexpected.Take(20)]);
        }

        unexpected.Should().BeEmpty($"every {what} either works or fails with a ModelAuditException ({worked} worked, {clean} clean errors)");
    }
}
