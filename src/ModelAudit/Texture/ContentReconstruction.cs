using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Visualisation;

namespace ModelAudit.Texture;

/// <summary>
/// Mahendran and Vedaldi's inversion ("Understanding deep image representations by inverting them", the inverse
/// CS231n shows): from noise, an image whose activations at the chosen layers match a reference image's — what those
/// layers keep of the image (low layers: nearly everything; high layers: the parts that matter for the class). The loss
/// is Σ_l ‖F_l(x) − F_l(ref)‖² / ‖F_l(ref)‖², its gradient 2 (F_l − F_l(ref)) / ‖F_l(ref)‖².
/// </summary>
public sealed class ContentReconstruction(AuditModel model)
{
    public FeatureVisualisation Compute(RgbImage reference, ReconstructionOptions options)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        return FeatureInversion.Run(model, reference, options, $"content of {string.Join(", ", options.Layers)}", references =>
        {
            var norms = references.Select(r => Math.Max(1e-12, r.Sum(v => (double)v * v))).ToArray();
            return (l, activation, gradient) =>
            {
                double loss = 0;
                for (var i = 0; i < activation.Length; i++)
                {
                    var d = activation[i] - references[l][i];
                    loss += d * (double)d;
                    gradient[i] = (float)(2 * d / norms[l]);
                }

                return loss / norms[l];
            };
        });
    }
}
