using System.CommandLine;
using ModelAudit.Models;

namespace ModelAudit.Cli.Commands;

/// <summary><c>modelaudit inspect MODEL</c>: what a model takes, gives, and which layers can be audited.</summary>
internal static class InspectCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Argument<FileInfo>("model") { Description = "The ONNX model file." };
        var all = new Option<bool>("--all") { Description = "List every tappable tensor, not only the first 40." };
        var command = new Command("inspect", "Show a model's inputs, outputs, dynamic dims, conv layers, tappable tensors and op counts.") { model, all };
        command.SetAction(parse =>
        {
            var graph = ModelGraph.Load(parse.GetValue(model)!.FullName);
            Write(graph, output, parse.GetValue(all));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static void Write(ModelGraph graph, TextWriter output, bool allTensors)
    {
        // The process runs with invariant globalization, so numbers print the same everywhere.
        output.WriteLine($"model    {graph.Source}");
        output.WriteLine($"opset    {graph.OpsetVersion}, {graph.Nodes.Count} nodes");
        foreach (var input in graph.Inputs)
        {
            output.WriteLine($"input    {input}{Dynamic(input)}");
        }

        foreach (var o in graph.Outputs)
        {
            output.WriteLine($"output   {o}{Dynamic(o)}");
        }

        foreach (var o in graph.Outputs)
        {
            output.WriteLine($"target   {o.Name}: {TargetSuggestion.Describe(o)}");
        }

        output.WriteLine($"penultimate {graph.PenultimateTensor ?? "(none found)"}");
        output.WriteLine($"conv layers ({graph.ConvLayers.Count}):");
        foreach (var conv in graph.ConvLayers)
        {
            output.WriteLine($"  {conv}{(conv.IsDepthwise ? " depthwise" : "")}  -> {conv.Output}");
        }

        var tensors = graph.TappableTensors;
        var shown = allTensors ? tensors : tensors.Take(40).ToArray();
        output.WriteLine($"tappable tensors ({tensors.Count}): {string.Join(", ", shown)}{(shown.Count < tensors.Count ? ", ... (--all lists them all)" : "")}");
        output.WriteLine("op counts:");
        foreach (var (op, count) in graph.OpCounts)
        {
            output.WriteLine($"  {op,-22} {count}");
        }
    }

    private static string Dynamic(TensorInfo info)
    {
        var dynamic = info.Shape.Select((d, i) => (d, i)).Where(p => p.d.IsDynamic).Select(p => $"axis {p.i} ({p.d})").ToArray();
        return dynamic.Length == 0 ? "" : $"  dynamic: {string.Join(", ", dynamic)}";
    }
}
