using Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Models;

/// <summary>
/// One intra-op thread pool, a thread per core, for sessions that take turns many times a second (the pieces of a
/// split model). Each session's own pool would leave its threads spinning after its run and slow the next session
/// down; a shared pool spins once. It exists when ModelAudit creates ONNX Runtime's process-wide environment, which
/// happens on the first session it opens unless something else in the process used ONNX Runtime before.
/// </summary>
internal static class SharedThreadPool
{
    private static readonly Lazy<bool> Created = new(Create);

    // The environment keeps a pointer to these options' values only while it is created; kept for its lifetime anyway.
    private static OrtThreadingOptions? _threads;

    /// <summary>Creates the environment if nobody has yet; true when the shared pool exists.</summary>
    public static bool IsAvailable => Created.Value;

    private static bool Create()
    {
        try
        {
            _threads = new OrtThreadingOptions
            {
                GlobalIntraOpNumThreads = Environment.ProcessorCount,
                GlobalInterOpNumThreads = 1,
                GlobalSpinControl = true,
            };
            var options = new EnvironmentCreationOptions { threadOptions = _threads };
            OrtEnv.CreateInstanceWithOptions(ref options);
            return true;
        }
        catch (OnnxRuntimeException)
        {
            // The environment exists already, made by someone else without shared pools: sessions keep their own.
            return false;
        }
    }
}
