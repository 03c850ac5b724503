namespace ModelAudit.Models;

/// <summary>One dimension of a declared tensor shape: a fixed size, a named dynamic size, or unknown.</summary>
public readonly record struct Dim(long? Value, string? Param)
{
    public bool IsDynamic => Value is null or < 0;

    public override string ToString() => Value is { } v and >= 0 ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : Param ?? "?";
}

/// <summary>A graph input or output as the ONNX file declares it.</summary>
public sealed record TensorInfo(string Name, string ElementType, IReadOnlyList<Dim> Shape)
{
    public int Rank => Shape.Count;

    public override string ToString() => $"{Name}: {ElementType}[{string.Join(",", Shape)}]";
}
