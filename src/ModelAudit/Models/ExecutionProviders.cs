using Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Models;

/// <summary>
/// Which ONNX Runtime execution provider a session runs on, and what to say when the one asked for cannot be had.
/// ModelAudit references only ONNX Runtime's managed part: the application picks the native package (CPU:
/// Microsoft.ML.OnnxRuntime; CUDA: Microsoft.ML.OnnxRuntime.Gpu.Linux), so both the package and the CUDA libraries
/// can be missing.
/// </summary>
internal static class ExecutionProviders
{
    public const string Cpu = "CPU";

    /// <summary>The ONNX Runtime native library's version, e.g. "1.32.0".</summary>
    public static string OnnxRuntimeVersion => OrtEnv.Instance().GetVersionString();

    /// <summary>True when the native library in this process was built with the CUDA provider (the GPU package).</summary>
    public static bool HasCuda => OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");

    /// <summary>Adds CUDA when <see cref="EngineOptions.GpuDeviceId"/> asks for it, and says which provider the session will run on.</summary>
    public static string Append(SessionOptions so, EngineOptions options, string source)
    {
        if (options.GpuDeviceId is not { } gpu)
        {
            return Cpu;
        }

        try
        {
            so.AppendExecutionProvider_CUDA(gpu);
            return $"CUDA device {gpu}";
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            // Falling back only means not adding CUDA: the CPU provider is always there.
            return options.FallbackToCpu ? $"{Cpu} (CUDA device {gpu} unavailable: fell back)" : throw CudaUnavailable(gpu, source, ex);
        }
    }

    /// <summary>The error for a missing native library: the application references no ONNX Runtime native package.</summary>
    public static ModelAuditException NativeLibraryMissing(Exception ex) => new(
        $"ONNX Runtime's native library could not be loaded ({ex.GetBaseException().Message.Trim()}). ModelAudit references only its managed part " +
        "(Microsoft.ML.OnnxRuntime.Managed): the application or test project must reference Microsoft.ML.OnnxRuntime (CPU) or " +
        "Microsoft.ML.OnnxRuntime.Gpu.Linux (CUDA), at the version ModelAudit was built with.", ex);

    /// <summary>
    /// What ONNX Runtime 1.32's CUDA provider loads on Linux: the driver, CUDA 13's runtime, cuBLAS and cuRAND (its
    /// ELF dependencies), and cuDNN 9 (opened at run time).
    /// </summary>
    internal static readonly string[] CudaLibraries = ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcudnn.so.9"];

    private static ModelAuditException CudaUnavailable(int gpu, string source, Exception ex)
    {
        var why = ex.Message.Trim();
        // ONNX Runtime logs which library failed but does not put it in the exception: look for them the same way.
        var missing = OperatingSystem.IsLinux() ? CudaLibraries.Where(l => !System.Runtime.InteropServices.NativeLibrary.TryLoad(l, out _)).ToArray() : [];
        return HasCuda
            ? new ModelAuditException(
                $"GPU device {gpu} was requested for '{source}', and this ONNX Runtime build has CUDA, but CUDA could not be started ({why})" +
                (missing.Length > 0 ? $"; not found on the loader path: {string.Join(", ", missing)}. " : ". ") +
                "It needs an NVIDIA GPU with its driver (libcuda.so.1), CUDA 13 (libcudart.so.13, libcublas.so.13, libcublasLt.so.13, libcurand.so.10) and cuDNN 9 (libcudnn.so.9) " +
                "on the loader path (LD_LIBRARY_PATH); or set FallbackToCpu to run on the CPU.", ex)
            : new ModelAuditException(
                $"GPU device {gpu} was requested for '{source}', but this ONNX Runtime build has no CUDA provider ({why}): the application references the CPU package. " +
                "Reference Microsoft.ML.OnnxRuntime.Gpu.Linux instead of Microsoft.ML.OnnxRuntime (in this repository and the template: -p:ModelAuditRuntime=Gpu), or set FallbackToCpu.", ex);
    }
}
