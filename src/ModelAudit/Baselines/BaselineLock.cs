using System.Collections.Concurrent;
using System.Diagnostics;

namespace ModelAudit.Baselines;

/// <summary>
/// The writers' lock of one baselines root: an exclusive OS lock on <c>.modelaudit-tmp.lock</c> (flock on Unix, a
/// share-none handle on Windows), so it holds across processes and dies with a killed process. Threads of one process
/// also share a monitor per root, which holds even where the runtime's file locking is switched off
/// (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>). Writers hold it only while they write and clean a set; readers never take it.
/// </summary>
internal sealed class BaselineLock : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentDictionary<string, object> Monitors = new(StringComparer.Ordinal);
    private readonly object _monitor;
    private readonly FileStream _handle;

    private BaselineLock(object monitor, FileStream handle) => (_monitor, _handle) = (monitor, handle);

    public static BaselineLock Acquire(string root)
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(Path.GetFullPath(root), AtomicFile.TempPrefix + ".lock");
        var monitor = Monitors.GetOrAdd(path, _ => new object());
        Monitor.Enter(monitor);
        try
        {
            return new BaselineLock(monitor, Open(path));
        }
        catch
        {
            Monitor.Exit(monitor);
            throw;
        }
    }

    public void Dispose()
    {
        _handle.Dispose();
        Monitor.Exit(_monitor);
    }

    private static FileStream Open(string path)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < Timeout)
            {
                Thread.Sleep(Math.Min(20, 1 + attempt));
            }
            catch (IOException e)
            {
                throw new ModelAuditException(
                    $"Cannot lock '{path}' to write baselines: another process has held it for over {Timeout.TotalMinutes} minutes. " +
                    "Stop the other test run, or delete the file if no ModelAudit process is running.", e);
            }
        }
    }
}
