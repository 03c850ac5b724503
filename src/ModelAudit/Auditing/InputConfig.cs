namespace ModelAudit.Auditing;

/// <summary>The input spec: size, channel order, and either mean/std (on 0..1 pixels) or scale/offset (on 0..255 pixels).</summary>
public sealed record InputConfig
{
    public required int Height { get; init; }

    public required int Width { get; init; }

    /// <summary><c>rgb</c>, <c>bgr</c> or <c>gray</c>.</summary>
    public string Channels { get; init; } = "rgb";

    public float[]? Mean { get; init; }

    public float[]? Std { get; init; }

    public float[]? Scale { get; init; }

    public float[]? Offset { get; init; }

    /// <summary>How images of another size are fitted: <c>stretch</c> (default), <c>letterbox</c>, <c>fit_height</c> or <c>crop_center</c>.</summary>
    public string Resize { get; init; } = "stretch";

    /// <summary>The padding colour of <c>letterbox</c> and <c>fit_height</c>: 1 grey level or 3 values (r, g, b) in 0..255. Default black.</summary>
    public int[]? Pad { get; init; }
}
