namespace ModelAudit.Auditing;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls back on the reporting thread, at once: <see cref="Progress{T}"/> would post
/// to a synchronisation context and report late, or after the stage has ended.
/// </summary>
internal sealed class ProgressCallback<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
