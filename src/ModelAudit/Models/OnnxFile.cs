using Google.Protobuf;
using ModelAudit.Models.Onnx;

namespace ModelAudit.Models;

/// <summary>Parses ONNX bytes into the subset message model, with errors that say what is wrong with which file.</summary>
internal static class OnnxFile
{
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
