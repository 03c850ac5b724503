using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

/// <summary>
/// The native ONNX Runtime is the application's choice (ModelAuditRuntime: Cpu or Gpu). These tests run in both
/// flavours: CI builds the GPU one too and runs them on a machine without CUDA, where CUDA must fail clearly or fall
/// back; on a machine with CUDA they check that the model runs there.
/// </summary>
public sealed class ExecutionProviderTests
{
    private static readonly InputSpec Gray2x2 = InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f], [0f]);

    private static string Flavour => typeof(ExecutionProviderTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ModelAuditRuntime").Value!;

    private static bool CudaLibrariesPresent => System.Runtime.InteropServices.NativeLibrary.TryLoad("libcublasLt.so.13", out _);

    [Fact]
    public void Build_ReferencesTheNativeFlavourItWasBuiltFor()
    {
        var providers = OrtEnv.Instance().GetAvailableProviders();

        providers.Should().Contain("CPUExecutionProvider");
        if (Flavour == "Gpu")
        {
            providers.Should().Contain("CUDAExecutionProvider", "-p:ModelAuditRuntime=Gpu references Microsoft.ML.OnnxRuntime.Gpu.Linux");
        }
        else
        {
            Flavour.Should().Be("Cpu");
            providers.Should().NotContain("CUDAExecutionProvider", "the default flavour references Microsoft.ML.OnnxRuntime, the CPU build");
        }

        AuditModel.OnnxRuntimeVersion.Should().Be("1.32.0");
    }

    [Fact]
    public void Default_RunsOnTheCpu()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", Gray2x2);

        model.ExecutionProvider.Should().Be("CPU");
    }

    [Fact]
    public void Cuda_WhereItCannotRun_SaysWhatIsMissing()
    {
        var load = () => AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", Gray2x2, new EngineOptions { GpuDeviceId = 0 });
        if (Flavour == "Gpu" && CudaLibrariesPresent)
        {
            using var model = load();
            model.ExecutionProvider.Should().Be("CUDA device 0");
            return;
        }

        load.Should().Throw<ModelAuditException>().WithMessage(Flavour == "Gpu"
            ? "GPU device 0 was requested for 'linear.onnx', and this ONNX Runtime build has CUDA, but CUDA could not be started (*); not found on the loader path: *libcublasLt.so.13*CUDA 13*cuDNN 9*LD_LIBRARY_PATH*FallbackToCpu*"
            : "GPU device 0 was requested for 'linear.onnx', but this ONNX Runtime build has no CUDA provider*Microsoft.ML.OnnxRuntime.Gpu.Linux*-p:ModelAuditRuntime=Gpu*FallbackToCpu*");
    }

    [Fact]
    public void Cuda_WithFallbackToCpu_RunsOnTheCpuAndSaysSo()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", Gray2x2, new EngineOptions { GpuDeviceId = 0, FallbackToCpu = true });

        model.PredictTensors(new float[] { 0, 0, 0, 9 }, 1)[0].Top1.Should().Be(3);
        model.ExecutionProvider.Should().Be(Flavour == "Gpu" && CudaLibrariesPresent ? "CUDA device 0" : "CPU (CUDA device 0 unavailable: fell back)");
    }

    [Fact]
    public void GpuDeviceId_Negative_IsRejected()
    {
        var act = () => AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", Gray2x2, new EngineOptions { GpuDeviceId = -1 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("GpuDeviceId must be a CUDA device number*");
    }
}
