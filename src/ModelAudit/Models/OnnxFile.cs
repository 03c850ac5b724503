using Google.Protobuf;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Models;

/// <summary>Parses ONNX bytes into the subset message model, with errors that say what is wrong with which file.</summary>
internal static class OnnxFile
{
    /// <summary>
    /// Parses a model and brings in the weights it keeps in external data files, found relative to
    /// <paramref name="folder"/> (the model file's folder; null for bytes with no file behind them). Returns the
    /// message and its bytes, which hold every weight.
    /// </summary>
    public static (ModelProto Proto, byte[] Bytes) Read(byte[] bytes, string source, string? folder)
    {
        var proto = Parse(bytes, source);
        if (!ExternalData.IsUsedBy(proto))
        {
            return (proto, bytes);
        }

        var inlined = ExternalData.Inline(proto, source, folder);
        if (bytes.Length + inlined > int.MaxValue)
        {
            // One protobuf message cannot exceed 2 GB, which is why such models keep their weights outside.
            throw new InvalidModelException(
                $"'{source}' holds {(bytes.Length + inlined) / (1L << 20)} MB of weights in external data; ModelAudit reads models of up to 2 GB. " +
                "Audit a smaller model, or one whose weights fit inside the file.");
        }

        return (proto, proto.ToByteArray());
    }

    /// <summary>The folder a model file's external data is looked for in.</summary>
    public static string FolderOf(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";

    public static ModelProto Parse(byte[] bytes, string source)
    {
        if (bytes.Length == 0)
        {
            throw new InvalidModelException($"'{source}' is empty (0 bytes); expected an ONNX model file.");
        }

        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidModelException(
                $"'{source}' is not a readable ONNX model ({ex.Message}). The file is truncated, corrupt, or not ONNX; re-export or re-download it.", ex);
        }

        if (proto.Graph is null || proto.Graph.Node.Count == 0 || proto.IrVersion <= 0 || proto.Graph.Input.Count == 0 || proto.Graph.Output.Count == 0)
        {
            throw new InvalidModelException(
                $"'{source}' parsed as protobuf but is not an ONNX model (ir_version {proto.IrVersion}, {proto.Graph?.Node.Count ?? 0} nodes, " +
                $"{proto.Graph?.Input.Count ?? 0} inputs, {proto.Graph?.Output.Count ?? 0} outputs). Check that the file is an exported .onnx model.");
        }

        return proto;
    }

    public static string ElementTypeName(int type) => type switch
    {
        1 => "float",
        2 => "uint8",
        3 => "int8",
        5 => "int16",
        6 => "int32",
        7 => "int64",
        9 => "bool",
        10 => "float16",
        11 => "double",
        16 => "bfloat16",
        _ => $"type{type}",
    };
}
