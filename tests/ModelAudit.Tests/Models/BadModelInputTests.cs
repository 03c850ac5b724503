using ModelAudit.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Models;

public sealed class BadModelInputTests
{
    private static readonly InputSpec Gray2x2 = InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f], [0f]);

    [Fact]
    public void Load_MissingFile_SaysItDoesNotExist()
    {
        var act = () => AuditModel.Load("/no/such/model.onnx", Gray2x2);

        act.Should().Throw<InvalidModelException>().WithMessage("*'/no/such/model.onnx' does not exist*");
    }

    [Fact]
    public void Load_EmptyBytes_SaysEmpty()
    {
        var act = () => AuditModel.Load([], "empty.onnx", Gray2x2);

        act.Should().Throw<InvalidModelException>().WithMessage("*'empty.onnx' is empty*");
    }

    [Fact]
    public void Load_TruncatedModel_SaysTruncatedOrCorrupt()
    {
        var bytes = File.ReadAllBytes(KnownModels.PaddleOcrClassifierPath());

        var act = () => AuditModel.Load(bytes[..(bytes.Length / 2)], "half.onnx", KnownModels.PaddleOcrClassifierSpec);

        act.Should().Throw<InvalidModelException>().WithMessage("*'half.onnx'*truncated*");
    }

    [Fact]
    public void Load_TextFile_SaysNotOnnx()
    {
        var bytes = "this is a README, not a model\n"u8.ToArray();

        var act = () => AuditModel.Load(bytes, "README.md", Gray2x2);

        act.Should().Throw<InvalidModelException>().WithMessage("*'README.md'*not*ONNX*");
    }

    [Fact]
    public void Load_VectorInputModel_SaysItDoesNotTakeImages()
    {
        var bytes = new TinyOnnx().Input("x", -1, 4).Node("Relu", ["x"], ["y"]).Output("y", -1, 4).Build();

        var act = () => AuditModel.Load(bytes, "tabular.onnx", Gray2x2);

        act.Should().Throw<InvalidModelException>().WithMessage("*'tabular.onnx'*rank 2*does not take images*");
    }

    [Fact]
    public void Load_SpecSizeDisagreesWithModel_NamesBothSizes()
    {
        var spec = InputSpec.FromScaleOffset(3, 3, ChannelOrder.Gray, [1f], [0f]);

        var act = () => AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", spec);

        act.Should().Throw<InvalidModelException>().WithMessage("*spec gives 3x3*takes 2x2*");
    }

    [Fact]
    public void Load_SpecChannelsDisagreeWithModel_SaysFixTheChannelOrder()
    {
        var spec = InputSpec.FromScaleOffset(2, 2, ChannelOrder.Rgb, [1f], [0f]);

        var act = () => AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", spec);

        act.Should().Throw<InvalidModelException>().WithMessage("*3 channel(s)*takes 1*channel order*");
    }

    [Fact]
    public void Predict_ModelEmittingNaN_NamesTheOutputAndImage()
    {
        // log(x) of a negative pixel is NaN.
        var bytes = new TinyOnnx().Input("x", -1, 1, 2, 2)
            .Node("Flatten", ["x"], ["f"], TinyOnnx.Int("axis", 1)).Node("Log", ["f"], ["y"]).Output("y", -1, 4).Build();
        var spec = InputSpec.FromScaleOffset(2, 2, ChannelOrder.Gray, [1f], [1f]);
        using var model = AuditModel.Load(bytes, "nan.onnx", spec);

        var act = () => model.PredictTensors(new float[] { 1, 1, 1, 1, 1, -1, 1, 1 }, 2);

        act.Should().Throw<ModelOutputException>().WithMessage("*'nan.onnx' produced NaN in output 'y' for input #1*");
    }

    [Fact]
    public void Taps_UnknownTensor_SaysHowToListThem()
    {
        using var model = AuditModel.Load(TestModels.LinearGray2x2(), "linear.onnx", Gray2x2);

        var act = () => model.PredictTensors(new float[4], 1, ["nope"]);

        act.Should().Throw<InvalidModelException>().WithMessage("*no intermediate tensor named 'nope'*modelaudit inspect*");
    }

    [Fact]
    public void InputSpec_BadStd_IsRejected()
    {
        var act = () => InputSpec.FromMeanStd(4, 4, ChannelOrder.Rgb, [0.5f], [0f, 1f, 1f]);

        act.Should().Throw<ArgumentException>().WithMessage("*std[0] must be a positive*");
    }
}
