using System.Globalization;
using ModelAudit.Models;

namespace ModelAudit.Invariance;

/// <summary>Options for <see cref="Equivariance"/>.</summary>
public sealed record EquivarianceOptions
{
    /// <summary>
    /// Tensors measured besides the model's output, e.g. conv layers; each must have per-image shape [C, h, w] or
    /// [h, w]. Default: none (the output only). Every tensor costs one tapped output per run.
    /// </summary>
    public IReadOnlyList<string> Tensors { get; init; } = [];

    /// <summary>
    /// A band, in input pixels, left out of the comparison inside every border of each map (scaled to the map's own
    /// resolution), on top of the pixels the transform brings in from outside. Default 0. Zero-padded convolutions make
    /// maps differ from the moved map within their receptive-field radius of a border; a margin of that radius leaves
    /// only what the transform itself can be blamed for.
    /// </summary>
    public double Margin { get; init; }

    /// <summary>The measured tensors, the output first.</summary>
    internal IReadOnlyList<string> ResolveTensors(AuditModel model)
    {
        if (!(Margin >= 0) || !double.IsFinite(Margin))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"EquivarianceOptions.Margin is {Margin}; it must be a finite number of input pixels, at least 0."));
        }

        ArgumentNullException.ThrowIfNull(Tensors, "EquivarianceOptions.Tensors");
        var known = model.Graph.TappableTensors.ToHashSet(StringComparer.Ordinal);
        var measured = new List<string> { model.Output.Name };
        foreach (var tensor in Tensors)
        {
            if (string.IsNullOrEmpty(tensor) || !(known.Contains(tensor) || tensor == model.Output.Name))
            {
                throw new ArgumentException(
                    $"EquivarianceOptions.Tensors: '{tensor}' is not a tensor of '{model.Name}'. Some tappable tensors: {string.Join(", ", model.Graph.TappableTensors.Take(12))}.");
            }

            if (measured.Contains(tensor))
            {
                // The output is always measured; naming it again is harmless, any other repeat is a slip worth reporting.
                if (tensor == model.Output.Name)
                {
                    continue;
                }

                throw new ArgumentException($"EquivarianceOptions.Tensors lists '{tensor}' twice.");
            }

            measured.Add(tensor);
        }

        return measured;
    }
}
