using Google.Protobuf;
using ModelAudit.Models;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The graph analysis and stage sessions of one model, created on first use and shared by every occlusion run on it
/// (a session costs a noticeable part of a second to create). They are disposed with the model.
/// </summary>
internal sealed class StageSessions : IDisposable
{
    private readonly Dictionary<string, IDisposable> _sessions = new(StringComparer.Ordinal);
    private readonly AuditModel _model;

    private StageSessions(AuditModel model)
    {
        _model = model;
        var locality = new GraphLocality(model.Graph, model.Input.Name, model.Output.Name);
        Units = new UnitGraph(locality, model.Spec.ChannelCount, model.Spec.Height, model.Spec.Width);
    }

    public UnitGraph Units { get; }

    public GraphLocality Locality => Units.Locality;

    public static StageSessions For(AuditModel model) => model.Companion(m => new StageSessions(m));

    /// <summary>The session that runs <paramref name="unit"/> on crops, on <paramref name="threads"/> threads.</summary>
    public StageSession Unit(IncrementalUnit unit, int threads) =>
        Get($"unit {unit.Output} x{threads}", () => new StageSession(
            SubModel.Unit(Locality, unit).ToByteArray(), $"{_model.Source} [unit -> {unit.Output}]",
            unit.Windowed is null ? unit.Sides : [unit.CropInput, .. unit.Sides], [unit.Output], _model.Options with { Threads = threads }));

    /// <summary>
    /// The session that finishes the model from the output of <paramref name="last"/>, the prefix's last unit, at the
    /// model's output, or at <paramref name="output"/> (the logits before a final Softmax) when given.
    /// </summary>
    public StageSession Suffix(IncrementalUnit last, int threads, string? output = null)
    {
        var end = output ?? _model.Output.Name;
        return Get($"suffix {last.Output} -> {end} x{threads}", () => new StageSession(
            SubModel.Between(Locality, last.Output, last.Channels.Output, end).ToByteArray(), $"{_model.Source} [{last.Output} -> {end}]",
            [last.Output], [end], _model.Options with { Threads = threads }));
    }

    /// <summary>
    /// The first-order expansion of the network after <paramref name="last"/>, whose output is
    /// <paramref name="height"/>×<paramref name="width"/>, up to the logits or to <paramref name="target"/>.
    /// </summary>
    public FirstOrderSuffix FirstOrder(IncrementalUnit last, int height, int width, string? target = null, long budgetBytes = CheckpointedSuffix.DefaultSegmentBudgetBytes) =>
        Get($"first-order {last.Output} -> {target} in {budgetBytes} B segments", () => new FirstOrderSuffix(_model, Locality, last, height, width, target, budgetBytes));

    /// <summary>
    /// The session that computes every tensor in <paramref name="outputs"/> for a whole image. It has no arena: it runs
    /// once per image, and an arena would keep that run's activations (hundreds of MB at 1024²) for the whole map.
    /// </summary>
    public StageSession Prefix(string split, IReadOnlyList<string> outputs) =>
        Get($"prefix {split}", () => new StageSession(
            SubModel.Prefix(Locality, split, outputs).ToByteArray(), $"{_model.Source} [input -> {split}]",
            [Locality.Input], outputs, _model.Options, arena: false));

    public void Dispose()
    {
        lock (_sessions)
        {
            foreach (var session in _sessions.Values)
            {
                session.Dispose();
            }

            _sessions.Clear();
        }
    }

    private T Get<T>(string key, Func<T> create)
        where T : class, IDisposable
    {
        lock (_sessions)
        {
            if (!_sessions.TryGetValue(key, out var session))
            {
                session = create();
                _sessions[key] = session;
            }

            return (T)session;
        }
    }
}
