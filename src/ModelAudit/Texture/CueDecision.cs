namespace ModelAudit.Texture;

/// <summary>Which cue a classification of a cue-conflict image followed.</summary>
public enum CueDecision
{
    /// <summary>The shape image's class.</summary>
    Shape,

    /// <summary>The texture image's class.</summary>
    Texture,

    /// <summary>Neither: a third class.</summary>
    Other,
}
