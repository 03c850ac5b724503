using ModelAudit.Models;

namespace ModelAudit.Invariance;

/// <summary>Options for <see cref="InvarianceSweep"/>.</summary>
public sealed record InvarianceOptions
{
    /// <summary>
    /// Tensors to measure feature distance at, lowest layer first. Default (null): the first conv output and the
    /// penultimate tensor (<see cref="ModelGraph.FirstConv"/>, <see cref="ModelGraph.PenultimateTensor"/>), as in
    /// Zeiler and Fergus' layer 1 against the top layer.
    /// </summary>
    public IReadOnlyList<string>? Layers { get; init; }

    internal IReadOnlyList<string> ResolveLayers(AuditModel model)
    {
        if (Layers is null)
        {
            var defaults = new List<string>();
            if (model.Graph.ConvLayers.Count > 0)
            {
                defaults.Add(model.Graph.FirstConv.Output);
            }

            if (model.Graph.PenultimateTensor is { } top && !defaults.Contains(top))
            {
                defaults.Add(top);
            }

            return defaults;
        }

        var known = model.Graph.TappableTensors.ToHashSet(StringComparer.Ordinal);
        known.Add(model.Output.Name);
        foreach (var layer in Layers)
        {
            if (string.IsNullOrEmpty(layer) || !known.Contains(layer))
            {
                throw new ArgumentException(
                    $"InvarianceOptions.Layers: '{layer}' is not a tensor of '{model.Name}'. Some tappable tensors: {string.Join(", ", model.Graph.TappableTensors.Take(12))}.");
            }
        }

        if (Layers.Distinct(StringComparer.Ordinal).Count() != Layers.Count)
        {
            throw new ArgumentException($"InvarianceOptions.Layers lists a tensor twice: {string.Join(", ", Layers)}.");
        }

        return Layers.ToArray();
    }
}
