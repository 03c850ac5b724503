namespace ModelAudit.Occlusion;

/// <summary>How <see cref="OcclusionSensitivity"/> scores the occluded images.</summary>
public enum OcclusionMode
{
    /// <summary>Every occluded image goes through the whole model, in batches. The default.</summary>
    Full,

    /// <summary>
    /// Exact incremental inference (Krypton, Nakandala et al. 2019): the model is split after its local layers (conv,
    /// pooling, element-wise, residual adds — everything before the first global op); the clean image's activations
    /// are computed once, and each window recomputes only the region it can change, then finishes the network from
    /// there. Equal to <see cref="Full"/> up to float rounding, for every target (class scores, a dense map, a
    /// detection, a text). Falls back to <see cref="Full"/> when the model's local prefix is too short to save work. A
    /// model exported with a fixed batch size runs its suffix at exactly that batch, padded.
    /// </summary>
    Incremental,
}
