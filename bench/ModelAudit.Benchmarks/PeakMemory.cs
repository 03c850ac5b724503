using System.Diagnostics;
using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;

namespace ModelAudit.Benchmarks;

/// <summary>
/// Peak working set of a process that computes one occlusion map and nothing else:
/// <c>dotnet run -c Release --project bench/ModelAudit.Benchmarks -- memory full|incremental|first-order</c>
/// (ResNet-18 at 224², window 32, stride 16; first-order from the end of layer2, error measured on no image). Each
/// mode needs a process of its own: the peak is the process's, and ONNX Runtime never gives its arenas back.
/// </summary>
internal static class PeakMemory
{
    private const string Layer2 = "/layer2/layer2.1/relu_1/Relu_output_0";

    public static int Run(string mode)
    {
        var spec = InputSpec.FromMeanStd(224, 224, ChannelOrder.Rgb, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
        using var model = AuditModel.Load(ResNet18Model.EnsureExists(), spec);
        var image = ImageOps.Resize(ShapeDataset.Generate(1, 1)[0].Image, 224, 224);
        var options = new OcclusionOptions { Window = 32, Stride = 16 };
        options = mode switch
        {
            "full" => options,
            "incremental" => options with { Mode = OcclusionMode.Incremental },
            "first-order" => options with { Mode = OcclusionMode.Incremental, FirstOrder = new OcclusionFirstOrder { From = Layer2 }, ApproximationSample = 0 },
            _ => throw new ArgumentException($"Unknown mode '{mode}'; use full, incremental or first-order.", nameof(mode)),
        };
        var baseline = Peak();
        var watch = Stopwatch.StartNew();
        var map = new OcclusionSensitivity(model).Compute(image, options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {watch.Elapsed.TotalSeconds:0.00} s, peak working set {Peak():0} MB (after loading the model: {baseline:0} MB; managed heap peak {GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024):0} MB now, {GC.GetTotalAllocatedBytes() / (1024.0 * 1024):0} MB allocated in all), max drop {map.MaxDrop:0.###}"));
        return 0;
    }

    private static double Peak()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024);
    }
}
