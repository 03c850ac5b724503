namespace ModelAudit.Models;

/// <summary>How the batched ONNX Runtime engine runs. Defaults suit a CPU build server.</summary>
public sealed record EngineOptions
{
    /// <summary>Images per forward pass when the model's batch dimension is dynamic. Default 16; beyond ~8 CPUs gain little.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Threads ONNX Runtime uses inside one forward pass. Default: every core.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// GPU device for the CUDA execution provider; null runs on CPU. Needs a GPU build of ONNX Runtime
    /// (the <c>Microsoft.ML.OnnxRuntime.Gpu</c> package) in place of the CPU one.
    /// </summary>
    public int? GpuDeviceId { get; init; }

    /// <summary>When the GPU cannot be used, run on CPU instead of failing. Default false.</summary>
    public bool FallbackToCpu { get; init; }

    internal void Validate()
    {
        if (BatchSize < 1 || BatchSize > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be between 1 and 4096.");
        }

        if (Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be at least 1.");
        }
    }
}
