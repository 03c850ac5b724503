namespace ModelAudit.Gradients;

/// <summary>
/// The rule of the first Conv or Gemm, the one that reads the image (directly or through Flatten/Reshape). The pixels
/// are not activations of a ReLU: they can be negative after normalisation and are bounded, so Montavon et al. (2017,
/// 2019) give that layer a rule of its own.
/// </summary>
public enum LrpInputRule
{
    /// <summary>
    /// zᴮ (Montavon et al. 2017): relevance for each pixel's distance from the darkest and brightest image, bounded by
    /// the values pixels 0 and 255 become in each channel of the input spec. The rule of the EpsilonPlus and
    /// EpsilonAlpha2Beta1 composites.
    /// </summary>
    Box,

    /// <summary>The ε-rule, as for any dense layer: relevance by each pixel's signed contribution. The rule of the Epsilon composite.</summary>
    Epsilon,

    /// <summary>Flat (Zennit's EpsilonPlusFlat): each output's relevance spread evenly over its receptive field, the image ignored.</summary>
    Flat,

    /// <summary>w² (Montavon et al. 2017): spread in proportion to the squared weights, the image ignored; for inputs without bounds.</summary>
    WSquare,
}
