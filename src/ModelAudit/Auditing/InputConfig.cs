using ModelAudit.Models;

namespace ModelAudit.Auditing;

/// <summary>
/// The input spec: size, channel order, and either <c>mean</c>/<c>std</c> (on 0..1 pixels) or <c>scale</c>/<c>offset</c>
/// (on 0..255 pixels). Neither: pixels are fed as 0..1 (pixel / 255).
/// </summary>
public sealed record InputConfig
{
    /// <summary>The model's input height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>The model's input width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>The channel order the model expects: <c>rgb</c> (the default), <c>bgr</c> (OpenCV, Caffe) or <c>gray</c>.</summary>
    [ConfigValues(typeof(InputConfig), nameof(ChannelOrders))]
    public string Channels { get; init; } = "rgb";

    /// <summary>Per-channel mean subtracted from 0..1 pixels (1 value for every channel, or 1 per channel), e.g. ImageNet's [0.485, 0.456, 0.406].</summary>
    public float[]? Mean { get; init; }

    /// <summary>Per-channel standard deviation the 0..1 pixels are divided by after the mean, e.g. ImageNet's [0.229, 0.224, 0.225].</summary>
    public float[]? Std { get; init; }

    /// <summary>Per-channel factor the 0..255 pixels are multiplied by (instead of mean and std), e.g. [0.00784] for pixel/127.5.</summary>
    public float[]? Scale { get; init; }

    /// <summary>Per-channel value added after <c>scale</c>, e.g. [-1] for pixel/127.5 − 1.</summary>
    public float[]? Offset { get; init; }

    /// <summary>How images of another size are fitted: <c>stretch</c> (default), <c>letterbox</c>, <c>fit_height</c> or <c>crop_center</c>.</summary>
    [ConfigValues(typeof(ResizePolicyNames), nameof(ResizePolicyNames.Names))]
    public string Resize { get; init; } = "stretch";

    /// <summary>The padding colour of <c>letterbox</c> and <c>fit_height</c>: 1 grey level or 3 values (r, g, b) in 0..255. Default black.</summary>
    public int[]? Pad { get; init; }

    /// <summary>The spelling of each channel order in configs.</summary>
    internal static IReadOnlyDictionary<string, ChannelOrder> ChannelOrders { get; } = new Dictionary<string, ChannelOrder>(StringComparer.Ordinal)
    {
        ["rgb"] = ChannelOrder.Rgb,
        ["bgr"] = ChannelOrder.Bgr,
        ["gray"] = ChannelOrder.Gray,
    };
}
