namespace ModelAudit.Auditing;

/// <summary>The <c>engine</c> section: the device the model runs on (<see cref="Models.EngineOptions"/>).</summary>
public sealed record EngineConfig
{
    /// <summary><c>cpu</c> (default) or <c>cuda</c> (needs the GPU build of ONNX Runtime, CUDA 13 and cuDNN 9).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>cuda: the GPU to run on. Default 0.</summary>
    public int GpuDeviceId { get; init; }

    /// <summary>cuda: run on the CPU when CUDA cannot be used, instead of stopping. Default false. The report names the provider used.</summary>
    public bool FallbackToCpu { get; init; }

    internal Models.EngineOptions Options(int threads) => new()
    {
        Threads = threads,
        GpuDeviceId = Device == "cuda" ? GpuDeviceId : null,
        FallbackToCpu = FallbackToCpu,
    };
}
