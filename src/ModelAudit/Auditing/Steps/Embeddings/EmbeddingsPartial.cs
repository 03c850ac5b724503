namespace ModelAudit.Auditing;

/// <summary>This shard's feature rows (row-major, <c>Ids.Count × Dimension</c>) with their ids and labels.</summary>
internal sealed record EmbeddingsPartial(string Layer, int Dimension, IReadOnlyList<string> Ids, IReadOnlyList<int> Labels, float[] Features) : StepPartial;
