using ModelAudit.Assertions;
using ModelAudit.Imaging;
using ModelAudit.Texture;

namespace ModelAudit.Tests.Assertions.Texture;

/// <summary>Messages of the cue-conflict assertion, on results whose counts are written out.</summary>
public sealed class CueConflictAssertionsTests
{
    private static readonly RgbImage Blank = RgbImage.Filled(4, 4, new Rgb(128, 128, 128));

    [Fact]
    public void FollowTheShape_ThreeShapeOneTexture_Passes()
    {
        var result = Result(0, 0, 0, 1);

        result.Should().FollowTheShape(0.75);
    }

    [Fact]
    public void FollowTheShape_TextureWins_ReportsTheBiasAndTheCounts()
    {
        var result = Result(0, 1, 1, 1);

        var act = () => result.Should().FollowTheShape(0.6);

        act.Should().Throw<Exception>().WithMessage(
            "Expected model on cue-conflict images to follow the shape over the texture (shape bias >= 0.60), but found a shape bias of 0.25 " +
            "(4 pairs: 1 shape, 3 texture, 0 neither; shape bias 0.25; style loss 1.000 -> 0.100, content loss 0.200 (content conv2, style conv1, 10 steps)).");
    }

    [Fact]
    public void FollowTheShape_MostDecisionsForNeither_FailsAsTooFewToWeigh()
    {
        var result = Result(2, 2, 2, 0);

        var act = () => result.Should().FollowTheShape(0.5);

        act.Should().Throw<Exception>().WithMessage(
            "Expected model on cue-conflict images to follow the shape over the texture (shape bias >= 0.50), but found only 1 of 4 images classified as their shape's or their texture's class, too few to weigh the cues*");
    }

    /// <summary>Four pairs of shape class 0 and texture class 1, predicted as given.</summary>
    private static CueConflictResult Result(params int[] predicted) => new(
        predicted.Select((p, i) => new CueConflictPair($"s{i}", 0, $"t{i}", 1, p, 0.9, 1, 0.1, 0.2, true, true, Blank, Blank, Blank)).ToArray(),
        "conv2", ["conv1"], 10, 12, 100);
}
