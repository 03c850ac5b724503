namespace ModelAudit.Invariance;

/// <summary>The transforms an invariance sweep can apply: a closed set, each with its own value unit.</summary>
public enum TransformKind
{
    /// <summary>Horizontal shift in pixels (positive: right).</summary>
    TranslateX,

    /// <summary>Vertical shift in pixels (positive: down).</summary>
    TranslateY,

    /// <summary>Scale factor about the image centre (1: identity).</summary>
    Scale,

    /// <summary>Rotation in degrees, clockwise on screen, about the centre.</summary>
    Rotate,

    /// <summary>Offset added to every channel value, in 8-bit levels (0: identity).</summary>
    Brightness,

    /// <summary>Gain about mid-grey 128: <c>v' = (v − 128)·c + 128</c> (1: identity).</summary>
    Contrast,

    /// <summary>Gaussian blur sigma in pixels (0: identity).</summary>
    GaussianBlur,

    /// <summary>Standard deviation of seeded Gaussian noise, in 8-bit levels (0: identity).</summary>
    GaussianNoise,
}
