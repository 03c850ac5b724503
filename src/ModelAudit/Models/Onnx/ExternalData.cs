using Google.Protobuf;

namespace ModelAudit.Models.Onnx;

/// <summary>
/// Brings tensors saved as external data (weights in a side file, <c>onnx.save_model(save_as_external_data=True)</c>)
/// into the model message. Every copy ModelAudit makes of a model (taps, sub-models, backward graphs) is then whole,
/// wherever ONNX Runtime loads it from.
/// </summary>
internal static class ExternalData
{
    /// <summary>True when some tensor of <paramref name="model"/> keeps its data outside the file.</summary>
    public static bool IsUsedBy(ModelProto model) => Tensors(model.Graph).Any(IsExternal);

    /// <summary>
    /// Reads every external tensor of <paramref name="model"/> from its file, found relative to
    /// <paramref name="folder"/> (the model file's folder; null when the model was given as bytes). Returns the
    /// number of bytes read.
    /// </summary>
    public static long Inline(ModelProto model, string source, string? folder)
    {
        var total = 0L;
        var files = new Dictionary<string, FileStream>(StringComparer.Ordinal);
        try
        {
            foreach (var tensor in Tensors(model.Graph).Where(IsExternal))
            {
                var entries = tensor.ExternalData.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
                var location = entries.GetValueOrDefault("location")
                    ?? throw new InvalidModelException($"'{source}': tensor '{tensor.Name}' is marked as external data but names no file (no 'location' entry); the file is corrupt, re-export it.");
                if (folder is null)
                {
                    throw new InvalidModelException(
                        $"'{source}' keeps tensor '{tensor.Name}' in the external file '{location}', and was given as bytes, so there is no folder to find that file in. " +
                        "Load the model from its path (AuditModel.Load(path, spec)) with the file beside it.");
                }

                var path = Path.GetFullPath(Path.Combine(folder, location));
                if (!files.TryGetValue(path, out var file))
                {
                    if (!File.Exists(path))
                    {
                        throw new InvalidModelException(
                            $"'{source}' keeps its weights (first: tensor '{tensor.Name}') in the external data file '{location}', which was looked for at '{path}' and does not exist. " +
                            "Copy that file beside the model, or re-save the model with its weights inside (onnx.save_model(model, path, save_as_external_data=False)).");
                    }

                    file = File.OpenRead(path);
                    files[path] = file;
                }

                var data = Read(file, tensor, entries, source, path);
                total += data.Length;
                tensor.RawData = ByteString.CopyFrom(data);
                tensor.ExternalData.Clear();
                tensor.ClearDataLocation();
            }
        }
        finally
        {
            foreach (var file in files.Values)
            {
                file.Dispose();
            }
        }

        return total;
    }

    private static byte[] Read(FileStream file, TensorProto tensor, Dictionary<string, string> entries, string source, string path)
    {
        var offset = entries.TryGetValue("offset", out var o) ? long.Parse(o, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var length = entries.TryGetValue("length", out var l) ? long.Parse(l, System.Globalization.CultureInfo.InvariantCulture) : file.Length - offset;
        if (offset < 0 || length < 0 || offset + length > file.Length || length > Array.MaxLength)
        {
            throw new InvalidModelException(
                $"'{source}': tensor '{tensor.Name}' is said to lie at bytes {offset}..{offset + length} of '{path}', but that file has {file.Length} bytes. " +
                "The side file does not belong to this model (or is truncated); copy the one saved with it.");
        }

        var bytes = new byte[length];
        file.Position = offset;
        file.ReadExactly(bytes);
        return bytes;
    }

    private static bool IsExternal(TensorProto t) => t.DataLocation == 1 || t.ExternalData.Count > 0;

    /// <summary>Initializers and Constant nodes' tensors, in subgraphs too.</summary>
    private static IEnumerable<TensorProto> Tensors(GraphProto graph)
    {
        foreach (var init in graph.Initializer)
        {
            yield return init;
        }

        foreach (var attribute in graph.Node.SelectMany(n => n.Attribute))
        {
            if (attribute.T is { } t)
            {
                yield return t;
            }

            foreach (var tensor in attribute.Tensors)
            {
                yield return tensor;
            }

            foreach (var sub in attribute.Graphs.Append(attribute.G).OfType<GraphProto>().SelectMany(Tensors))
            {
                yield return sub;
            }
        }
    }
}
