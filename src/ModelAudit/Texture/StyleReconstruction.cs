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
    public FeatureVisualisation Compute(RgbImage reference, ReconstructionOptions options)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        return FeatureInversion.Run(model, reference, options, $"style of {string.Join(", ", options.Layers)}", references =>
        {
            var channels = options.Layers.Select(l => model.ShapeOf(TextureLayers.Resolve(model, new TextureOptions { Layers = [l] })[0])[0]).ToArray();
            var grams = references.Select((r, l) => GramMatrix.Of(r, channels[l])).ToArray();
            var norms = grams.Select(g => Math.Max(1e-12, g.Sum(v => (double)v * v))).ToArray();
            return (l, activation, gradient) =>
            {
                var c = channels[l];
                var positions = activation.Length / c;
                var g = GramMatrix.Of(activation, c);
                var difference = new float[g.Length];
                double loss = 0;
                for (var i = 0; i < g.Length; i++)
                {
                    difference[i] = g[i] - grams[l][i];
                    loss += difference[i] * (double)difference[i];
                }

                var scale = 4 / (positions * norms[l]);
                for (var i = 0; i < c; i++)
                {
                    for (var p = 0; p < positions; p++)
                    {
                        double sum = 0;
                        for (var j = 0; j < c; j++)
                        {
                            sum += difference[(i * c) + j] * activation[(j * positions) + p];
                        }

                        gradient[(i * positions) + p] = (float)(scale * sum);
                    }
                }

                return loss / norms[l];
            };
        });
    }
}
