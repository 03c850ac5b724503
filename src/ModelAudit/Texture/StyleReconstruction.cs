using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Visualisation;

namespace ModelAudit.Texture;

/// <summary>
/// Gatys et al.'s texture synthesis: from noise, an image whose Gram matrices at the chosen layers match a reference
/// image's — what texture information those layers keep (low layers: colours and fine texture; high layers: larger
/// patterns, no layout). The loss is Σ_l ‖G_l(x) − G_l(ref)‖²_F / ‖G_l(ref)‖²_F; its gradient with respect to the
/// activation F_l is 4 (G_l − G_l(ref)) F_l / (positions · ‖G_l(ref)‖²_F). Seeded and deterministic; the result's
/// objective values are the loss at the start and after every step (the convergence curve).
/// </summary>
public sealed class StyleReconstruction(AuditModel model)
{
    public FeatureVisualisation Compute(RgbImage reference, ReconstructionOptions options) =>
        FeatureInversion.Reconstruct(model, reference, options, "style", Loss);

    /// <summary>One layer's Gram loss ‖G − G_ref‖²_F / ‖G_ref‖²_F against <paramref name="reference"/>'s activation of <paramref name="channels"/> channels.</summary>
    internal static FeatureInversion.ActivationLoss Loss(float[] reference, int channels)
    {
        var target = GramMatrix.Of(reference, channels);
        var norm = Math.Max(1e-12, target.Sum(v => (double)v * v));
        return (activation, gradient) =>
        {
            var positions = activation.Length / channels;
            var g = GramMatrix.Of(activation, channels);
            var difference = new float[g.Length];
            double loss = 0;
            for (var i = 0; i < g.Length; i++)
            {
                difference[i] = g[i] - target[i];
                loss += difference[i] * (double)difference[i];
            }

            var scale = 4 / (positions * norm);
            for (var i = 0; i < channels; i++)
            {
                for (var p = 0; p < positions; p++)
                {
                    double sum = 0;
                    for (var j = 0; j < channels; j++)
                    {
                        sum += difference[(i * channels) + j] * activation[(j * positions) + p];
                    }

                    gradient[(i * positions) + p] = (float)(scale * sum);
                }
            }

            return loss / norm;
        };
    }
}
