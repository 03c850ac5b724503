using System.Runtime.CompilerServices;
using ModelAudit.Models;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The graph analysis and stage sessions of one model, created on first use and shared by every occlusion run on it
/// (a session costs a large part of a second to create). They live as long as the model object does.
/// </summary>
internal sealed class StageSessions
{
    private static readonly ConditionalWeakTable<AuditModel, StageSessions> PerModel = new();
    private readonly Dictionary<(string From, string To), StageSession> _sessions = [];
    private readonly AuditModel _model;

    private StageSessions(AuditModel model)
    {
        _model = model;
        Locality = new GraphLocality(model.Graph, model.Input.Name, model.Output.Name);
    }

    public GraphLocality Locality { get; }

    public static StageSessions For(AuditModel model) => PerModel.GetValue(model, m => new StageSessions(m));

    public StageSession Get(string from, string to)
    {
        lock (_sessions)
        {
            if (!_sessions.TryGetValue((from, to), out var session))
            {
                session = new StageSession(SubModel.Between(Locality, from, to), $"{_model.Source} [{from} -> {to}]", from, to, _model.Options);
                _sessions[(from, to)] = session;
            }

            return session;
        }
    }
}
