using System.Globalization;
using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Faithfulness;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>
/// Deletion and insertion on a model nobody here trained: PaddleOCR's text recogniser, each line's text scored by its
/// CTC log-likelihood. Saliency and occlusion beat a random map. Neither beats the Sobel edges: on a text line the
/// strokes' edges are where the text is, so removing them first is the fastest way to lose it (gain 0.90 against
/// occlusion's 0.86 and saliency's 0.15 on these lines) — the faithfulness gate fails saliency on this model, rightly.
/// The table and every loss to a control go to the test output.
/// </summary>
public sealed class PaddleOcrFaithfulnessTests(ITestOutputHelper output)
{
    [Fact]
    public void PerturbationCurves_Recogniser_MapsBeatRandomButNotTheEdgesOfText()
    {
        var model = TestModels.PaddleOcrRecogniser;
        var target = KnownModels.PaddleOcrRecogniserTarget();
        var lines = TestModels.TextLines.Take(3).Select(t => new LabeledImage(t, TestModels.Line(t), -1, Text: t)).ToArray();
        var pictures = lines.Select(l => model.Spec.Place(l.Image)).ToArray();
        var maps = new Dictionary<string, IReadOnlyList<IPixelMap>>(StringComparer.Ordinal)
        {
            ["random"] = new RandomBaseline(model).Compute(pictures),
            ["sobel-edges"] = pictures.Select(p => new EdgeBaseline(model).Compute(p)).ToArray(),
            ["saliency"] = new Saliency(model).Compute(lines, new SaliencyOptions { Target = target }),
            ["occlusion"] = new OcclusionSensitivity(model).Compute(lines, new OcclusionOptions { Window = 16, Stride = 8, Target = target }),
        };

        var curves = new PerturbationCurves(model);
        var results = maps.ToDictionary(m => m.Key, m => curves.Compute(lines, m.Value, new PerturbationCurveOptions { Target = target }), StringComparer.Ordinal);

        var (random, edges) = (results["random"], results["sobel-edges"]);
        foreach (var (name, r) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} insertion {r.InsertionAuc:0.000} deletion {r.DeletionAuc:0.000} gain {r.RelevanceGain:0.000} ({r.MeasuredImages} of {r.ImageCount} measured)"));
        }

        foreach (var name in new[] { "saliency", "occlusion" })
        {
            foreach (var control in new[] { random, edges }.Where(c => results[name].InsertionAuc <= c.InsertionAuc || results[name].RelevanceGain <= c.RelevanceGain))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} (insertion {results[name].InsertionAuc:0.000}, gain {results[name].RelevanceGain:0.000}) does not beat {control.Method} (insertion {control.InsertionAuc:0.000}, gain {control.RelevanceGain:0.000})"));
            }

            results[name].Should().BeatBaseline(random, minMargin: 0.05);
        }

        results["occlusion"].RelevanceGain.Should().BeGreaterThan(results["saliency"].RelevanceGain, "occlusion reads the model's output directly");
    }
}
