using System.Globalization;
using ModelAudit.Auditing;
using ModelAudit.Datasets;
using ModelAudit.Faithfulness;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Targets;
using ModelAudit.Tests.Models;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Faithfulness;

/// <summary>
/// RISE, occlusion and saliency side by side by their insertion and deletion curves: on the clean shapes model and on
/// PaddleOCR's detector (a dense target). Each must beat a random map; the numbers are printed for the record.
/// </summary>
public sealed class MethodComparisonTests(ITestOutputHelper output)
{
    private static readonly string[] Methods = ["rise", "occlusion", "saliency"];

    [Fact]
    public void Curves_CleanShapesModel_EveryMethodBeatsARandomMap()
    {
        var images = ShapeDataset.Generate(1000, 8).Select((s, i) => new LabeledImage($"s{i}", s.Image, s.Label, s.Box)).ToArray();

        Compare(ShapesFixtures.Clean, images, Target.Label);
    }

    /// <remarks>
    /// Occlusion runs with a white window here, as a page's paper is: with the default fill each grey window on the
    /// paper reads as ink to the detector, the map ranks paper above text, and its gain comes out negative (printed).
    /// </remarks>
    [Fact]
    public void Curves_PaddleOcrDetectorDenseTarget_EveryMethodBeatsARandomMap()
    {
        var images = new[] { PaddleOcrTextModelsTests.Page() };
        var target = new DenseTarget();
        var white = new OcclusionSensitivity(TestModels.PaddleOcrDetector).Compute(images, MapMethods.OcclusionFor(TestModels.PaddleOcrDetector, target) with
        {
            Fill = OcclusionFill.Constant(new Rgb(255, 255, 255)),
        });

        Compare(TestModels.PaddleOcrDetector, images, target, ("occlusion, white window", white.Cast<IPixelMap>().ToArray()));
    }

    private void Compare(AuditModel model, LabeledImage[] images, Target target, params (string Name, IReadOnlyList<IPixelMap> Maps)[] asserted)
    {
        var curves = new PerturbationCurves(model);
        var options = new PerturbationCurveOptions { Target = target };
        var random = curves.Compute(images, new RandomBaseline(model).Compute(images.Select(i => i.Image).ToArray()), options);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Name}: random map insertion {random.InsertionAuc:0.000}, deletion {random.DeletionAuc:0.000}"));
        var replaced = asserted.Select(a => a.Name.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var method in Methods)
        {
            var maps = MapMethods.Compute(model, images, method, target);
            var result = curves.Compute(images, maps, options);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model.Name}: {method,-9} insertion {result.InsertionAuc:0.000}, deletion {result.DeletionAuc:0.000}, gain {result.RelevanceGain:0.000}"));
            if (!replaced.Contains(method))
            {
                result.RelevanceGain.Should().BeGreaterThan(random.RelevanceGain, "{0}'s maps rank pixels better than chance on {1}", method, model.Name);
            }
        }

        foreach (var (name, maps) in asserted)
        {
            var result = curves.Compute(images, maps, options);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model.Name}: {name} insertion {result.InsertionAuc:0.000}, deletion {result.DeletionAuc:0.000}, gain {result.RelevanceGain:0.000}"));
            result.RelevanceGain.Should().BeGreaterThan(random.RelevanceGain, "{0}'s maps rank pixels better than chance on {1}", name, model.Name);
        }
    }
}
