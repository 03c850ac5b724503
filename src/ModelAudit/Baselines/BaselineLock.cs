using System.Diagnostics;

namespace ModelAudit.Baselines;

/// <summary>
/// The writers' lock of one baselines root: an exclusive OS lock on <c>.modelaudit-tmp.lock</c> (flock on Unix, a
/// share-none handle on Windows), so it holds across threads and processes and dies with a killed process. Writers
/// hold it only while they write and clean a set; readers never take it.
/// </summary>
internal sealed class BaselineLock : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly FileStream _handle;

    private BaselineLock(FileStream handle) => _handle = handle;

    public static BaselineLock Acquire(string root)
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, AtomicFile.TempPrefix + ".lock");
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new BaselineLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
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

    public void Dispose() => _handle.Dispose();
}
