namespace ModelAudit.Texture;

/// <summary>
/// Gram matrices of a layer's activations (Gatys et al. 2015): with the layer's C channels as rows F (C × H·W),
/// G = F Fᵀ / (H·W) — which channels fire together, wherever in the image. It keeps a layer's texture statistics and
/// throws away where things are. Dividing by the number of positions makes it comparable across input sizes.
/// </summary>
public static class GramMatrix
{
    /// <summary>The C×C Gram matrix (row-major) of one image's activation, C·H·W values channel by channel.</summary>
    public static float[] Of(ReadOnlySpan<float> activation, int channels)
    {
        if (channels <= 0 || activation.Length % channels != 0)
        {
            throw new ArgumentException($"{activation.Length} values do not split into {channels} channels.", nameof(channels));
        }

        var positions = activation.Length / channels;
        var gram = new float[channels * channels];
        for (var i = 0; i < channels; i++)
        {
            var fi = activation.Slice(i * positions, positions);
            for (var j = i; j < channels; j++)
            {
                var fj = activation.Slice(j * positions, positions);
                double sum = 0;
                for (var p = 0; p < positions; p++)
                {
                    sum += fi[p] * fj[p];
                }

                gram[(i * channels) + j] = gram[(j * channels) + i] = (float)(sum / positions);
            }
        }

        return gram;
    }

    /// <summary>‖a − b‖_F / ‖b‖_F: how far a Gram matrix moved from a reference, 0 when equal; NaN when the reference is zero.</summary>
    public static double RelativeDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Gram matrices differ in size: {a.Length} and {b.Length} values.");
        }

        double difference = 0, norm = 0;
        for (var i = 0; i < a.Length; i++)
        {
            difference += (a[i] - b[i]) * (double)(a[i] - b[i]);
            norm += b[i] * (double)b[i];
        }

        return norm > 0 ? Math.Sqrt(difference / norm) : double.NaN;
    }

    /// <summary>Eigenvalues of a symmetric C×C Gram matrix, largest first (cyclic Jacobi; C up to a few hundred).</summary>
    public static double[] Spectrum(ReadOnlySpan<float> gram, int channels)
    {
        var values = Shortcuts.SpectralClustering.Jacobi(gram.ToArray().Select(v => (double)v).ToArray(), channels).Values;
        Array.Reverse(values);
        return values;
    }
}
