using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ModelAudit.Cli.Commands;
using ModelAudit.Datasets;
using ModelAudit.Models;

namespace ModelAudit.Cli.Drafting;

/// <summary>
/// The <c>input</c> section for a model, from its declared input and common conventions: the size it declares (224
/// where it is dynamic), RGB, ImageNet's mean and std for 3 channels, 0..1 for 1. The models bundled with the tool
/// are recognised by their sha256, and their real spec and class names used instead.
/// </summary>
internal sealed record InputGuess(JsonObject Input, IReadOnlyList<string>? ClassNames, IReadOnlyList<string> Notes)
{
    private const int DefaultSize = 224;

    public static InputGuess For(ModelGraph graph, string modelPath)
    {
        var input = ImageInput(graph);
        if (Bundled(modelPath) is { } bundled)
        {
            return new InputGuess(
                new JsonObject { ["height"] = 64, ["width"] = 64, ["channels"] = "rgb", ["mean"] = new JsonArray(0.5), ["std"] = new JsonArray(0.5) },
                bundled == "shapes-segmenter" ? null : ShapeDataset.ClassNames,
                [$"model: the bundled {bundled} model (recognised by its sha256): {(bundled == "shapes-segmenter" ? "its input spec is" : "its input spec and class names are")} known, not guessed."]);
        }

        var notes = new List<string>();
        var (c, h, w) = (input.Shape[1], input.Shape[2], input.Shape[3]);
        if (h.IsDynamic || w.IsDynamic)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"input.height/width: the model's input {input} has a dynamic size, so {DefaultSize} is a guess; set the size your service feeds it."));
        }

        var result = new JsonObject
        {
            ["height"] = h.IsDynamic ? DefaultSize : (int)h.Value!.Value,
            ["width"] = w.IsDynamic ? DefaultSize : (int)w.Value!.Value,
        };
        if (c.Value == 1)
        {
            result["channels"] = "gray";
            notes.Add("input: 1 channel, fed as 0..1 (pixel / 255), a guess; give mean and std (on 0..1) or scale and offset (on 0..255) if training normalised otherwise.");
        }
        else
        {
            result["channels"] = "rgb";
            result["mean"] = new JsonArray(0.485, 0.456, 0.406);
            result["std"] = new JsonArray(0.229, 0.224, 0.225);
            notes.Add($"input.channels: rgb, guessed (PyTorch, torchvision, timm); models trained on OpenCV or Caffe pixels take bgr.{(c.IsDynamic ? " The model does not declare its channel count; 3 is assumed." : "")}");
            notes.Add("input.mean/std: ImageNet's, guessed for a 3-channel float input; set your training preprocessing (e.g. mean and std [0.5] for pixels in -1..1).");
        }

        return new InputGuess(result, null, notes);
    }

    /// <summary>The model's one image input, NCHW float with 1 or 3 channels; otherwise an error that says what init drafts for.</summary>
    private static TensorInfo ImageInput(ModelGraph graph)
    {
        var what = "init drafts audits for a model with one image input, float [N, C, H, W] with C = 1 or 3";
        if (graph.Inputs.Count != 1)
        {
            throw new InvalidModelException($"'{graph.Source}' has {graph.Inputs.Count} inputs ({string.Join(", ", graph.Inputs)}); {what}.");
        }

        var input = graph.Inputs[0];
        if (input.ElementType != "float" || input.Rank != 4)
        {
            throw new InvalidModelException($"'{graph.Source}': input {input} is not an image; {what}. Export the model with a float NCHW input.");
        }

        if (!input.Shape[1].IsDynamic && input.Shape[1].Value is not (1 or 3))
        {
            throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
                $"'{graph.Source}': input {input} has {input.Shape[1].Value} channels at axis 1; {what}. Is the input NHWC? Export it channels-first."));
        }

        return input;
    }

    /// <summary>The name of the bundled model with the same bytes, or null.</summary>
    private static string? Bundled(string modelPath)
    {
        var folder = DemoConfigs.ModelsFolder;
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var size = new FileInfo(modelPath).Length;
        var candidates = Directory.GetFiles(folder, "shapes-*.onnx").Where(f => new FileInfo(f).Length == size).ToArray();
        if (candidates.Length == 0)
        {
            return null;
        }

        var sha = SHA256.HashData(File.ReadAllBytes(modelPath));
        return candidates.Where(f => SHA256.HashData(File.ReadAllBytes(f)).AsSpan().SequenceEqual(sha)).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).FirstOrDefault();
    }
}
