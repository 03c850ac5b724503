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
    public FeatureVisualisation Compute(RgbImage reference, ReconstructionOptions options) =>
        FeatureInversion.Reconstruct(model, reference, options, "content", (r, _) => Loss(r));

    /// <summary>One layer's content loss ‖F − F_ref‖² / ‖F_ref‖² against <paramref name="reference"/>'s activation.</summary>
    internal static FeatureInversion.ActivationLoss Loss(float[] reference)
    {
        var norm = Math.Max(1e-12, reference.Sum(v => (double)v * v));
        return (activation, gradient) =>
        {
            double loss = 0;
            for (var i = 0; i < activation.Length; i++)
            {
                var d = activation[i] - reference[i];
                loss += d * (double)d;
                gradient[i] = (float)(2 * d / norm);
            }

            return loss / norm;
        };
    }
}
