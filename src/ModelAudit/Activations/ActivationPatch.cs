using ModelAudit.Imaging;

namespace ModelAudit.Activations;

/// <summary>
/// One of a channel's strongest responses: the probe, the position of its maximum, the value, and the input
/// patch under that position's receptive field (<see cref="Box"/>, in model-input pixels; parts outside the
/// image are mid-grey in <see cref="Image"/>).
/// </summary>
public sealed record ActivationPatch(int Channel, int Probe, int Row, int Column, double Value, PixelBox Box, RgbImage Image);
