namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// One step of incremental inference: at most one windowed node (Conv or pooling) and the element-wise nodes that
/// follow it, run on crops. The windowed node runs without padding of its own: its input crop carries the padding
/// where it reaches past the map, so any crop size computes exactly the outputs the full map would.
/// </summary>
/// <param name="Nodes">Indices of the unit's nodes in the model graph, in order.</param>
/// <param name="Windowed">The windowed node's data input, or null for a unit of element-wise nodes only.</param>
/// <param name="Sides">The other data inputs: tensors at the output's resolution, cropped to the output region.</param>
/// <param name="Output">The unit's output tensor.</param>
/// <param name="Y">Rows of the windowed node (the identity without one).</param>
/// <param name="X">Columns of the windowed node.</param>
/// <param name="PadValue">What padding means for the windowed node: 0 for Conv and AveragePool, −∞ for MaxPool.</param>
/// <param name="MultiplyAddsPerPosition">The unit's arithmetic per output position, for the cost model.</param>
/// <param name="Channels">Channels of the windowed input, of each side input, and of the output, for the cost model.</param>
internal sealed record IncrementalUnit(
    IReadOnlyList<int> Nodes,
    string? Windowed,
    IReadOnlyList<string> Sides,
    string Output,
    AxisWindow Y,
    AxisWindow X,
    float PadValue,
    double MultiplyAddsPerPosition,
    (int Windowed, int Sides, int Output) Channels)
{
    /// <summary>The name the unit's own model gives its windowed input: a tensor can be both the windowed and a side input.</summary>
    public string CropInput => $"{Windowed}#crop";
}
