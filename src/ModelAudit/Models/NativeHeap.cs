using System.Runtime.InteropServices;

namespace ModelAudit.Models;

/// <summary>
/// Gives the C heap's free pages back to the system after ONNX Runtime has built a session. Building one parses the
/// model and copies every weight; glibc keeps the freed copies in its heap, so without this each session would leave
/// about its weights' size of resident memory behind. Does nothing outside Linux/glibc.
/// </summary>
internal static partial class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (_unavailable)
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries have no malloc_trim.
            _unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
