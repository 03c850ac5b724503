using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Activations;

/// <summary>
/// Zeiler &amp; Fergus's top-9: for each channel of a layer, the probe patches (the channel's receptive field around its
/// strongest responses) that excite it most.
/// </summary>
public sealed class TopActivationSearch(AuditModel model)
{
    private static readonly Rgb Outside = new(128, 128, 128);

    private readonly AuditModel _model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Searches <paramref name="probes"/> for the patches that excite the channels of <paramref name="layer"/> most.</summary>
    public TopActivations Compute(IReadOnlyList<RgbImage> probes, string layer, TopActivationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(probes);
        if (probes.Count == 0)
        {
            throw new ArgumentException("Top activations need at least one probe image.", nameof(probes));
        }

        var o = options ?? new TopActivationOptions();
        o.Validate();
        var field = ReceptiveField.Of(_model.Graph, layer);
        var peaks = new List<(int Probe, int Channel, int Row, int Column, double Value)>();
        var channelCount = 0;
        for (var start = 0; start < probes.Count; start += 32)
        {
            var chunk = probes.Skip(start).Take(32).ToArray();
            var predictions = _model.Predict(chunk, [layer]);
            for (var p = 0; p < chunk.Length; p++)
            {
                var tap = predictions[p].Tap(layer);
                if (tap.Shape.Count != 3)
                {
                    throw new ArgumentException($"Layer '{layer}' has per-image shape [{string.Join(",", tap.Shape)}]; top activations need a [C, H, W] feature map.", nameof(layer));
                }

                channelCount = tap.Shape[0];
                var width = tap.Shape[2];
                for (var c = 0; c < channelCount; c++)
                {
                    var values = tap.Channel(c);
                    var best = 0;
                    for (var i = 1; i < values.Length; i++)
                    {
                        best = values[i] > values[best] ? i : best;
                    }

                    peaks.Add((start + p, c, best / width, best % width, values[best]));
                }
            }
        }

        var bad = o.Channels?.Where(c => c < 0 || c >= channelCount).ToArray() ?? [];
        if (bad.Length > 0)
        {
            throw new ArgumentException($"Channel {bad[0]} does not exist; layer '{layer}' has {channelCount} channels.", nameof(options));
        }
        var wanted = o.Channels ?? Enumerable.Range(0, channelCount).ToArray();
        var inputs = new Dictionary<int, RgbImage>();
        var channels = wanted.Select(c => (IReadOnlyList<ActivationPatch>)peaks
                .Where(p => p.Channel == c && p.Value > 0)
                .OrderByDescending(p => p.Value).ThenBy(p => p.Probe)
                .Take(o.K)
                .Select(p => Patch(_model, probes, inputs, field, p))
                .ToArray())
            .ToArray();
        return new TopActivations(layer, field, wanted, channels);
    }

    private static ActivationPatch Patch(AuditModel model, IReadOnlyList<RgbImage> probes, Dictionary<int, RgbImage> inputs, ReceptiveField field,
        (int Probe, int Channel, int Row, int Column, double Value) peak)
    {
        // Receptive fields are in model-input pixels, so crop from the probe as the model sees it.
        if (!inputs.TryGetValue(peak.Probe, out var input))
        {
            var probe = probes[peak.Probe];
            input = model.Spec.Place(probe);
            inputs[peak.Probe] = input;
        }

        var box = field.InputBox(peak.Row, peak.Column);
        var patch = RgbImage.Create(box.Width, box.Height, (x, y) =>
            input.Bounds.Contains(box.X + x, box.Y + y) ? input[box.X + x, box.Y + y] : Outside);
        return new ActivationPatch(peak.Channel, peak.Probe, peak.Row, peak.Column, peak.Value, box, patch);
    }
}
