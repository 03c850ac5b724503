using System.Text.Json;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Occlusion;

/// <summary>
/// Occlusion maps against Captum's <c>Occlusion.attribute</c> on a small random-weight ResNet
/// (<c>fixtures/models/captum/make_reference.py</c>). Captum's attribution of a pixel is the mean, over the windows
/// covering it, of score(x) − score(x with the window set to the baseline): exactly <see cref="OcclusionMap.Attribution"/>
/// when both slide the same windows, which they do when (size − window) is a multiple of the stride (48, 8/4 and
/// 12/6 here). Captum's black baseline is the normalised value of RGB 0 (<see cref="OcclusionFill.Constant"/> black);
/// its baseline 0 is <see cref="OcclusionFill.NormalisedZero"/>. Its probability target is a softmax wrapper.
/// </summary>
public sealed class CaptumParityTests
{
    private const double Tolerance = 1e-4;

    private static readonly Lazy<JsonElement> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Repo.Path("fixtures", "models", "captum", "reference.json"))).RootElement);

    private static readonly Lazy<AuditModel> LazyModel = new(() =>
    {
        var root = Reference.Value;
        var size = root.GetProperty("size").GetInt32();
        var spec = InputSpec.FromMeanStd(size, size, ChannelOrder.Rgb, Floats(root.GetProperty("mean")), Floats(root.GetProperty("std")));
        return AuditModel.Load(Repo.Path("fixtures", "models", "captum", root.GetProperty("model").GetString()!), spec);
    });

    public static TheoryData<int, OcclusionMode> Cases()
    {
        var data = new TheoryData<int, OcclusionMode>();
        for (var i = 0; i < 8; i++)
        {
            data.Add(i, OcclusionMode.Full);
            data.Add(i, OcclusionMode.Incremental);
        }

        return data;
    }

    [Fact]
    public void Reference_HasTheFourScoreAndBaselineCombinations_ForEachImage()
    {
        var cases = Reference.Value.GetProperty("cases").EnumerateArray()
            .Select(c => $"{c.GetProperty("image").GetString()} {c.GetProperty("score").GetString()} {c.GetProperty("fill").GetString()}").ToArray();

        cases.Should().HaveCount(8).And.OnlyHaveUniqueItems();
        cases.Select(c => c.Split(' ', 2)[1]).Distinct().Should().BeEquivalentTo(
            ["logit black", "logit normalised_zero", "probability black", "probability normalised_zero"]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_CaptumReference_MatchesCaptumWithin1e4(int index, OcclusionMode mode)
    {
        var reference = Reference.Value.GetProperty("cases")[index];
        var image = ImageCodec.Load(Repo.Path("fixtures", "models", "captum", reference.GetProperty("image").GetString()!));
        var options = new OcclusionOptions
        {
            Window = reference.GetProperty("window").GetInt32(),
            Stride = reference.GetProperty("stride").GetInt32(),
            Target = reference.GetProperty("target").GetInt32(),
            Score = reference.GetProperty("score").GetString() == "logit" ? OcclusionScore.Logit : OcclusionScore.Probability,
            Fill = reference.GetProperty("fill").GetString() == "black" ? OcclusionFill.Constant(new Rgb(0, 0, 0)) : OcclusionFill.NormalisedZero,
            Mode = mode,
        };

        var map = new OcclusionSensitivity(LazyModel.Value).Compute(image, options);

        var expected = Floats(reference.GetProperty("attribution"));
        var logits = Floats(reference.GetProperty("base_logits"));
        map.BaseScore.Should().BeApproximately(
            options.Score == OcclusionScore.Logit ? logits[map.TargetClass] : AuditModelSoftmax(logits)[map.TargetClass], Tolerance);
        var attribution = map.Attribution.ToArray();
        var differences = expected.Select((v, i) => Math.Abs((double)v - attribution[i])).ToArray();
        differences.Max().Should().BeLessThan(Tolerance,
            $"{options.Score} with {options.Fill} ({mode}) should reproduce Captum's map, but differs most at pixel {Array.IndexOf(differences, differences.Max())}");
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();

    private static double[] AuditModelSoftmax(float[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(z => Math.Exp(z - max)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }
}
