using ModelAudit.Targets;

namespace ModelAudit.Gradients;

/// <summary>Options for <see cref="GradCam"/>.</summary>
public sealed record GradCamOptions
{
    /// <summary>
    /// The layer whose feature maps are weighted: a tensor name or a Conv node name. Default null: the output of the
    /// last convolution that still sees a spatial map (squeeze-excite convs on pooled vectors are skipped).
    /// </summary>
    public string? Layer { get; init; }

    /// <summary>What is explained: a class (<c>Target = 3</c>), a dense, sequence or custom target. Default null: each image's top-1 class.</summary>
    public Target? Target { get; init; }

    /// <summary>
    /// Guided Grad-CAM: multiply the map by guided backpropagation's per-pixel map for pixel-level detail (one more
    /// backward pass). Default false. The map's method then reads <c>guided-grad-cam(layer)</c>.
    /// </summary>
    public bool Guided { get; init; }

    internal void Validate()
    {
        if (Layer is not null && string.IsNullOrWhiteSpace(Layer))
        {
            throw new ArgumentException("Layer must name a tensor or a Conv node, or be null for the last spatial convolution, but was blank.", nameof(Layer));
        }
    }
}
