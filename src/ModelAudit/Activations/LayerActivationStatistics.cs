using System.Text.Json.Serialization;

namespace ModelAudit.Activations;

/// <summary>Activation statistics of one tensor over a probe set, per channel.</summary>
/// <param name="Layer">The tensor name.</param>
/// <param name="Shape">Per-image shape, <c>[C, H, W]</c> for a feature map or <c>[C]</c> for a vector (one position per channel).</param>
/// <param name="Mean">Per channel: the mean value over every probe and position.</param>
/// <param name="Max">Per channel: the largest value over every probe and position.</param>
/// <param name="FiringFraction">Per channel: the fraction of (probe, position) values that are &gt; 0.</param>
/// <param name="DeadChannels">Channels never &gt; 0 at any position of any probe.</param>
/// <param name="Sparsity">The fraction of all the layer's values that are ≤ 0.</param>
public sealed record LayerActivationStatistics(
    string Layer,
    IReadOnlyList<int> Shape,
    IReadOnlyList<double> Mean,
    IReadOnlyList<double> Max,
    IReadOnlyList<double> FiringFraction,
    IReadOnlyList<int> DeadChannels,
    double Sparsity)
{
    [JsonIgnore]
    public int ChannelCount => Mean.Count;

    /// <summary>Dead channels as a share of all channels.</summary>
    [JsonIgnore]
    public double DeadFraction => ChannelCount == 0 ? 0 : (double)DeadChannels.Count / ChannelCount;
}
