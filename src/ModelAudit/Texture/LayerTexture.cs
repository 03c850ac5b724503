using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Texture;

/// <summary>
/// One layer's texture statistics over a set of images: the mean Gram matrix, its spectrum, and how much the images'
/// own Gram matrices differ from it (the set's texture diversity).
/// </summary>
public sealed record LayerTexture(string Layer, int Channels, IReadOnlyList<float> MeanGram, IReadOnlyList<double> Spectrum, double Diversity)
{
    /// <summary>Share of the spectrum's sum in its largest eigenvalue: near 1 when one pattern of co-activation dominates.</summary>
    public double TopEigenvalueShare => Spectrum.Count == 0 || Spectrum.Sum() <= 0 ? double.NaN : Spectrum[0] / Spectrum.Sum();

    /// <summary>The effective rank exp(H) of the normalised spectrum: how many independent texture directions the layer uses.</summary>
    public double EffectiveRank
    {
        get
        {
            var positive = Spectrum.Where(v => v > 0).ToArray();
            var total = positive.Sum();
            return total <= 0 ? double.NaN : Math.Exp(-positive.Sum(v => v / total * Math.Log(v / total)));
        }
    }

    /// <summary>The mean Gram matrix as a picture, channel i's row top to bottom, Viridis from 0 to its largest entry.</summary>
    public RgbImage Render()
    {
        var values = MeanGram.ToArray();
        var max = values.Select(Math.Abs).DefaultIfEmpty(0).Max();
        return Colormap.Viridis.Render(values, Channels, Channels, 0, max > 0 ? max : 1);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Layer}: {Channels} channels, effective rank {EffectiveRank:0.0}, top eigenvalue share {TopEigenvalueShare:0.00}, diversity {Diversity:0.00}");
}
