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
}
