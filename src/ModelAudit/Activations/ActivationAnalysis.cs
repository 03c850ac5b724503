using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Activations;

/// <summary>
/// Per-channel activation statistics of chosen layers over probe images (mean, maximum, how often each channel fires,
/// sparsity); a channel that never fires on any probe is dead (CS231n).
/// </summary>
public sealed class ActivationAnalysis(AuditModel model)
{
    // Chunks bound the memory held in tapped feature maps; the engine batches within each chunk.
    private const int Chunk = 32;

    private readonly AuditModel _model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Runs every probe through the model, tapping <paramref name="layers"/> (tensor names), in batches.</summary>
    public ActivationStatistics Compute(IReadOnlyList<RgbImage> probes, IReadOnlyList<string> layers) =>
        new(_model.Name, probes.Count, Totals(probes, layers).Select(t => ChannelTotals.Statistics([t])).ToArray());

    /// <summary>Each layer's per-probe totals, for statistics combined across shards (<see cref="ChannelTotals"/>).</summary>
    internal IReadOnlyList<ChannelTotals> Totals(IReadOnlyList<RgbImage> probes, IReadOnlyList<string> layers)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(layers);
        if (probes.Count == 0)
        {
            throw new ArgumentException("Activation statistics need at least one probe image.", nameof(probes));
        }

        if (layers.Count == 0 || layers.Distinct(StringComparer.Ordinal).Count() != layers.Count)
        {
            throw new ArgumentException($"Give one or more distinct layer names; got [{string.Join(", ", layers)}].", nameof(layers));
        }

        var accumulators = layers.Select(l => new ChannelAccumulator(l)).ToArray();
        for (var start = 0; start < probes.Count; start += Chunk)
        {
            var chunk = probes.Skip(start).Take(Chunk).ToArray();
            foreach (var prediction in _model.Predict(chunk, layers))
            {
                foreach (var acc in accumulators)
                {
                    acc.Add(prediction.Tap(acc.Layer));
                }
            }
        }

        return accumulators.Select(a => a.Totals()).ToArray();
    }
}
