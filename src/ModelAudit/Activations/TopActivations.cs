using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Snapshots;

namespace ModelAudit.Activations;

/// <summary>
/// Zeiler &amp; Fergus's "top-9": for each channel of a layer, the probe images that excite it most, each cropped
/// to the receptive field of the position where the channel peaks. One probe appears at most once per channel;
/// probes on which the channel never fires (peak ≤ 0) are left out, so a dead channel has an empty row.
/// </summary>
/// <param name="Layer">The tensor.</param>
/// <param name="Field">Its receptive field.</param>
/// <param name="ChannelNumbers">The channels shown, in order.</param>
/// <param name="Channels">Per shown channel, its top patches, strongest first.</param>
public sealed record TopActivations(string Layer, ReceptiveField Field, IReadOnlyList<int> ChannelNumbers, IReadOnlyList<IReadOnlyList<ActivationPatch>> Channels) : ISnapshotSource
{
    private static readonly Rgb Outside = new(128, 128, 128);

    public static TopActivations Compute(AuditModel model, IReadOnlyList<RgbImage> probes, string layer, TopActivationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(probes);
        if (probes.Count == 0)
        {
            throw new ArgumentException("Top activations need at least one probe image.", nameof(probes));
        }

        var o = options ?? new TopActivationOptions();
        o.Validate();
        var field = ReceptiveField.Of(model.Graph, layer);
        var peaks = new List<(int Probe, int Channel, int Row, int Column, double Value)>();
        var channelCount = 0;
        for (var start = 0; start < probes.Count; start += 32)
        {
            var chunk = probes.Skip(start).Take(32).ToArray();
            var predictions = model.Predict(chunk, [layer]);
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
                .Select(p => Patch(model, probes, inputs, field, p))
                .ToArray())
            .ToArray();
        return new TopActivations(layer, field, wanted, channels);
    }

    /// <summary>One row per channel, its top patches left to right, the channel number under the first.</summary>
    public RgbImage Render()
    {
        var columns = Math.Max(1, Channels.Max(row => row.Count));
        var padded = new List<RgbImage>();
        var paddedCaptions = new List<string>();
        var blank = RgbImage.Filled(Field.Width, Field.Height, new Rgb(255, 255, 255));
        for (var c = 0; c < Channels.Count; c++)
        {
            var row = Channels[c];
            for (var i = 0; i < columns; i++)
            {
                padded.Add(i < row.Count ? row[i].Image : blank);
                paddedCaptions.Add(i > 0 ? "" : row.Count > 0 ? $"ch {row[0].Channel}" : $"ch {ChannelNumbers[c]} dead");
            }
        }

        var scale = Math.Max(1, (int)Math.Ceiling(40.0 / Math.Max(Field.Height, Field.Width)));
        return TileGrid.Compose(padded, columns, scale, gap: 2, captions: paddedCaptions);
    }

    public Snapshot ToSnapshot()
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["field_size"] = Field.Height, ["jump"] = Field.JumpY };
        foreach (var row in Channels.Where(r => r.Count > 0))
        {
            metrics[$"channel{row[0].Channel.ToString("000", CultureInfo.InvariantCulture)}.top"] = row[0].Value;
        }

        return Snapshot.Of(metrics, ("patches", Render()));
    }

    private static ActivationPatch Patch(AuditModel model, IReadOnlyList<RgbImage> probes, Dictionary<int, RgbImage> inputs, ReceptiveField field,
        (int Probe, int Channel, int Row, int Column, double Value) peak)
    {
        // Receptive fields are in model-input pixels, so crop from the probe as the model sees it.
        if (!inputs.TryGetValue(peak.Probe, out var input))
        {
            var probe = probes[peak.Probe];
            input = probe.Width == model.Spec.Width && probe.Height == model.Spec.Height ? probe : ImageOps.Resize(probe, model.Spec.Width, model.Spec.Height);
            inputs[peak.Probe] = input;
        }

        var box = field.InputBox(peak.Row, peak.Column);
        var patch = RgbImage.Create(box.Width, box.Height, (x, y) =>
            input.Bounds.Contains(box.X + x, box.Y + y) ? input[box.X + x, box.Y + y] : Outside);
        return new ActivationPatch(peak.Channel, peak.Probe, peak.Row, peak.Column, peak.Value, box, patch);
    }
}
