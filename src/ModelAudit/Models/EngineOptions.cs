namespace ModelAudit.Models;

/// <summary>How the batched ONNX Runtime engine runs. Defaults suit a CPU build server.</summary>
public sealed record EngineOptions
{
    /// <summary>
    /// Images per forward pass when the model's batch dimension is dynamic. Default 0: measured once per model, on
    /// first use (<see cref="AuditModel.BatchSize"/>): on CPU the fastest size per image differs from model to model
    /// (chosen here: 16 for PaddleOCR's classifier, where batch 1 is 1.8× slower; 4 for the 64×64 shapes models and
    /// for ResNet-18, which are about as fast at any size from 4 up).
    /// </summary>
    public int BatchSize { get; init; }

    /// <summary>Threads ONNX Runtime uses inside one forward pass. Default: every core.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// GPU device for the CUDA execution provider; null (the default) runs on the CPU. Needs the GPU build of ONNX
    /// Runtime (the application references <c>Microsoft.ML.OnnxRuntime.Gpu.Linux</c> in place of
    /// <c>Microsoft.ML.OnnxRuntime</c>; here <c>-p:ModelAuditRuntime=Gpu</c>) and CUDA 13 with cuDNN 9 on the loader
    /// path. <see cref="AuditModel.ExecutionProvider"/> says what the model runs on.
    /// </summary>
    public int? GpuDeviceId { get; init; }

    /// <summary>When CUDA cannot be used, run on the CPU instead of failing (and say so in <see cref="AuditModel.ExecutionProvider"/>). Default false.</summary>
    public bool FallbackToCpu { get; init; }

    /// <summary>The batch size for passes that are not measured (backward graphs): <see cref="BatchSize"/> when set, else 16.</summary>
    internal int FixedBatchSize => BatchSize > 0 ? BatchSize : 16;

    internal void Validate()
    {
        if (BatchSize < 0 || BatchSize > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be between 1 and 4096, or 0 to measure it.");
        }

        if (Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be at least 1.");
        }

        if (GpuDeviceId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(GpuDeviceId), GpuDeviceId, "GpuDeviceId must be a CUDA device number (0 for the first GPU), or null for the CPU.");
        }
    }
}
