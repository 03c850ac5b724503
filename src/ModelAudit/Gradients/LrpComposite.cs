namespace ModelAudit.Gradients;

/// <summary>Which relevance rule each layer gets, after Zennit's composites (Anders et al. 2021).</summary>
public enum LrpComposite
{
    /// <summary>The ε-rule for every linear layer, the first one included (Bach et al. 2015): the plainest LRP.</summary>
    Epsilon,

    /// <summary>ε for dense layers (Gemm, MatMul), z⁺ for convolutions, zᴮ for the first layer (Montavon et al. 2019).</summary>
    EpsilonPlus,

    /// <summary>ε for dense layers, α2β1 for convolutions (positive evidence counted twice, negative once), zᴮ first.</summary>
    EpsilonAlpha2Beta1,
}
