using Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Models;

/// <summary>
/// One intra-op thread pool (a thread per core) and one memory arena for sessions that take turns many times a second:
/// the pieces of a split model. Each with its own pool would leave threads spinning after its run and slow the next
/// one down; each with its own arena would keep its largest batch's memory, twenty times over. Both exist when
/// ModelAudit creates ONNX Runtime's process-wide environment, which happens on the first session it opens unless
/// something else in the process used ONNX Runtime first.
/// </summary>
internal static class SharedRuntime
{
    private static readonly Lazy<bool> Created = new(Create);

    // Kept for the environment's lifetime, which is the process's.
    private static OrtThreadingOptions? _threads;
    private static OrtArenaCfg? _arena;

    /// <summary>Creates the environment if nobody has yet; true when the shared pool and arena exist.</summary>
    public static bool IsAvailable => Created.Value;

    /// <summary>Makes a session run on the shared pool, when it exists; false when it does not.</summary>
    public static bool UsePool(SessionOptions options)
    {
        if (!IsAvailable)
        {
            return false;
        }

        options.DisablePerSessionThreads();
        return true;
    }

    /// <summary>
    /// Makes a session allocate from the shared arena, when it exists, whatever threads it runs on: sessions that run
    /// side by side on a core each (incremental occlusion's lanes) would otherwise keep an arena apiece.
    /// </summary>
    public static bool UseArena(SessionOptions options)
    {
        if (!IsAvailable)
        {
            return false;
        }

        options.AddSessionConfigEntry("session.use_env_allocators", "1");
        return true;
    }

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
            var environment = OrtEnv.CreateInstanceWithOptions(ref options);

            // No limit; the arena grows by what is asked for rather than by doubling (ONNX Runtime's default), which
            // for a backward pass at 1024² turns 2 GB of activations into a 4 GB arena; other settings at their defaults.
            _arena = new OrtArenaCfg(0, 1, -1, -1);
            environment.CreateAndRegisterAllocator(OrtMemoryInfo.DefaultInstance, _arena);
            return true;
        }
        catch (OnnxRuntimeException)
        {
            // The environment exists already, made by someone else without them: sessions keep their own.
            return false;
        }
    }
}
