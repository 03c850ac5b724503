using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Tests.Gradients.Backward;

/// <summary>The input tensor back to pixels, through the spec's inverse.</summary>
public sealed class InputTensorTests
{
    [Theory]
    [InlineData(ChannelOrder.Rgb)]
    [InlineData(ChannelOrder.Bgr)]
    public void ToImage_TensorOfAnImage_GivesTheImageBack(ChannelOrder order)
    {
        var spec = InputSpec.FromMeanStd(5, 7, order, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
        var image = RgbImage.Create(7, 5, (x, y) => new Rgb((byte)(x * 30), (byte)(y * 50), (byte)((x * y * 7) % 256)));

        var back = InputTensor.ToImage(spec, spec.ToTensor(image));

        back.Pixels.ToArray().Should().Equal(image.Pixels.ToArray());
    }
}
