using System.Globalization;
using ModelAudit.Activations;
using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Visualisation;

/// <summary>
/// Zeiler &amp; Fergus's Fig. 2 for one layer: per channel, each top activation's deconvnet projection next to the
/// image patch that caused it, both cropped to the receptive field.
/// </summary>
/// <param name="Layer">The projected tensor.</param>
/// <param name="Field">Its receptive field.</param>
/// <param name="ChannelNumbers">The channels shown, in order.</param>
/// <param name="Channels">Per shown channel, its projections, strongest activation first (empty for a dead channel).</param>
public sealed record TopActivationProjections(string Layer, ReceptiveField Field, IReadOnlyList<int> ChannelNumbers, IReadOnlyList<IReadOnlyList<ActivationProjection>> Channels) : ISnapshotSource
{
    /// <summary>One row per channel: projection, patch, projection, patch, … strongest first.</summary>
    public RgbImage Render()
    {
        var columns = 2 * Math.Max(1, Channels.Max(row => row.Count));
        var blank = RgbImage.Filled(Field.Width, Field.Height, new Rgb(255, 255, 255));
        var tiles = new List<RgbImage>();
        var captions = new List<string>();
        for (var c = 0; c < Channels.Count; c++)
        {
            for (var i = 0; i < columns; i++)
            {
                var item = i / 2 < Channels[c].Count ? Channels[c][i / 2] : null;
                tiles.Add(item is null ? blank : i % 2 == 0 ? item.Projection : item.Patch.Image);
                captions.Add(i > 0 ? "" : Channels[c].Count > 0 ? $"ch {ChannelNumbers[c]}" : $"ch {ChannelNumbers[c]} dead");
            }
        }

        var scale = Math.Max(1, (int)Math.Ceiling(40.0 / Math.Max(Field.Height, Field.Width)));
        return TileGrid.Compose(tiles, columns, scale, gap: 2, captions: captions);
    }

    public Snapshot ToSnapshot()
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < Channels.Count; c++)
        {
            if (Channels[c].Count > 0)
            {
                metrics[$"channel{ChannelNumbers[c].ToString("000", CultureInfo.InvariantCulture)}.mass_inside_field"] = Channels[c].Min(p => p.MassInsideField);
            }
        }

        return Snapshot.Of(metrics, ("projections", Render()));
    }
}
