namespace ModelAudit.Invariance;

/// <summary>How a geometric transform colours the pixels its moved content no longer covers.</summary>
public enum FillKind
{
    /// <summary>One fixed colour.</summary>
    Constant,

    /// <summary>The mean colour of the untransformed image.</summary>
    ImageMean,

    /// <summary>The nearest edge pixel of the untransformed image.</summary>
    EdgeReplicate,
}
