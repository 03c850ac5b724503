namespace ModelAudit.Models;

/// <summary>A node of the ONNX graph, in the file's (topological) order.</summary>
public sealed record GraphNode(int Index, string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
