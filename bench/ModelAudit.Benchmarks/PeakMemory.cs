using System.Diagnostics;
using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Targets;

namespace ModelAudit.Benchmarks;

/// <summary>
/// Peak working set of a process that computes one occlusion map and nothing else:
/// <c>dotnet run -c Release --project bench/ModelAudit.Benchmarks -- memory full|incremental|first-order</c>
/// (ResNet-18 at 224², window 32, stride 16; first-order from the end of layer2, error measured on no image), or
/// <c>memory dense-full|dense-incremental|dense-first-order</c> for a segmenter at 1024² (<see cref="RunDense"/>). Each
/// mode needs a process of its own: the peak is the process's, and ONNX Runtime never gives its arenas back.
/// </summary>
internal static class PeakMemory
{
    private const string Layer2 = "/layer2/layer2.1/relu_1/Relu_output_0";

    public static int Run(string mode)
    {
        if (mode.StartsWith("dense-", StringComparison.Ordinal))
        {
            return RunDense(mode);
        }

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

    /// <summary>
    /// One occlusion map of torchvision's LR-ASPP MobileNetV3 at 1024² (batch fixed at one), window 64, stride 32
    /// (961 windows), of the dense target "mean of channel 0 in the object's box". <c>dense-full</c> times 24 forward
    /// passes and scales them to the map's 962: the full map itself would take a quarter of an hour here.
    /// </summary>
    private static int RunDense(string mode)
    {
        var spec = InputSpec.FromMeanStd(1024, 1024, ChannelOrder.Rgb, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
        using var model = AuditModel.Load(LrAsppModel.EnsureExists(), spec);
        var sample = ShapeDataset.Generate(1, 1)[0];
        var box = new PixelBox(sample.Box.X * 16, sample.Box.Y * 16, sample.Box.Width * 16, sample.Box.Height * 16);
        var image = new LabeledImage("shape", ImageOps.Resize(sample.Image, 1024, 1024), sample.Label, box);
        var options = new OcclusionOptions { Window = 64, Stride = 32, Target = new DenseTarget() };
        var baseline = Peak();
        var watch = Stopwatch.StartNew();
        if (mode == "dense-full")
        {
            const int Passes = 24;
            var tensor = spec.ToTensor(image.Image);
            for (var i = 0; i < Passes; i++)
            {
                _ = model.Run(tensor, 1, []);
            }

            var perPass = watch.Elapsed.TotalSeconds / Passes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mode}: {perPass:0.000} s per forward pass, so {perPass * 962:0} s for the map's 962 passes; peak working set {Peak():0} MB (after loading the model: {baseline:0} MB)"));
            return 0;
        }

        options = mode switch
        {
            "dense-incremental" => options with { Mode = OcclusionMode.Incremental },
            "dense-first-order" => options with { Mode = OcclusionMode.Incremental, FirstOrder = new OcclusionFirstOrder(), ApproximationSample = 0 },
            _ => throw new ArgumentException($"Unknown mode '{mode}'; use dense-full, dense-incremental or dense-first-order.", nameof(mode)),
        };
        var sensitivity = new OcclusionSensitivity(model);
        var reported = 0;
        var progress = new Progress<OcclusionProgress>(p =>
        {
            if (p.Completed * 10 / p.Total > reported)
            {
                reported = p.Completed * 10 / p.Total;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Completed}/{p.Total} windows, {watch.Elapsed.TotalSeconds:0} s"));
            }
        });
        var map = sensitivity.Compute([image], options, progress)[0];
        var plan = sensitivity.PlanFor(options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {watch.Elapsed.TotalSeconds:0.0} s, split at {plan?.Split ?? "(none: ran in full)"}, peak working set {Peak():0} MB (after loading the model: {baseline:0} MB), base score {map.BaseScore:0.####}, max drop {map.MaxDrop:0.####}"));
        return 0;
    }

    private static double Peak()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024);
    }
}
