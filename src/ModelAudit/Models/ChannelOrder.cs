namespace ModelAudit.Models;

/// <summary>The order in which colour channels are laid out along the model's channel axis.</summary>
public enum ChannelOrder
{
    Rgb,
    Bgr,

    /// <summary>One channel: the luma (0.299 R + 0.587 G + 0.114 B).</summary>
    Gray,
}
