namespace ModelAudit.Occlusion.Incremental;

/// <summary>One piece of the split prefix: the nodes from cut <see cref="From"/> to cut <see cref="To"/>.</summary>
/// <param name="From">The stage's input tensor (the model input for the first stage).</param>
/// <param name="To">The stage's output tensor.</param>
/// <param name="Y">Row geometry.</param>
/// <param name="X">Column geometry.</param>
/// <param name="Nodes">Indices of the stage's nodes in the model graph.</param>
internal sealed record IncrementalStage(string From, string To, StageAxis Y, StageAxis X, IReadOnlyList<int> Nodes);
