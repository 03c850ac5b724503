using ModelAudit.Imaging;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>
/// One input of a family reference: the image, the class (classifiers) or output channel (segmenters) its target
/// picks, the target's value, the largest |output| of the sample, and autograd's input gradient (every
/// <see cref="FamilyReference.GradientStride"/>-th row and column) with its largest magnitude over the whole input.
/// </summary>
internal sealed record FamilySample(RgbImage Image, int Pick, double Value, double OutputMaxAbs, float[] Gradient, double GradientMaxAbs);
