namespace ModelAudit.Faithfulness;

/// <summary>
/// What a removed pixel shows in the faithfulness audits. Every fill replaces all of a pixel's channels and works in
/// the model's input space, so it is the same for any normalisation.
/// </summary>
public enum PerturbationFill
{
    /// <summary>
    /// ROAD's noisy linear imputation (Rong et al. 2022), the default: each removed pixel becomes the weighted mean of
    /// its 8 neighbours (1/6 direct, 1/12 diagonal), solved for all removed pixels at once with the known ones fixed,
    /// plus seeded Gaussian noise of σ = 1% of the pixel range (0..255 in input units) on the removed pixels. It hides
    /// the removed pixels' values without drawing the sharp-edged holes the other fills do, so the model is tested on
    /// what it loses rather than on what it is shown. With every pixel removed there is nothing to interpolate from:
    /// the image's mean colour, plus the noise.
    /// </summary>
    NoisyLinear,

    /// <summary>The image's mean colour.</summary>
    Mean,

    /// <summary>
    /// The image blurred by a Gaussian of σ = 2% of its shorter side, at least 1 pixel (4.5 pixels at 224×224, close to
    /// the σ = 5 of RISE's insertion metric; 1.3 at 64×64). A model that still recognises the blurred image (large
    /// objects on small images) gives curves that cannot be normalised: they are reported as not measured.
    /// </summary>
    Blur,

    /// <summary>
    /// The input's zero: per channel, the pixel value that normalisation maps to 0 (the dataset mean for mean/std
    /// normalisation), or black when that value lies outside 0..255 (e.g. for plain 0..1 scaling, where it is black anyway).
    /// </summary>
    Zero,
}
