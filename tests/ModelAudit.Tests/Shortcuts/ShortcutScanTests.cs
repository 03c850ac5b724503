using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Shortcuts;
using ModelAudit.Targets;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Shortcuts;

/// <summary>The box-free shortcut scan on the shape fixtures, boxes withheld.</summary>
public sealed class ShortcutScanTests(ITestOutputHelper output)
{
    private static readonly Lazy<LabeledImage[]> Marked = new(() =>
        ShapeDataset.Generate(1000, 40, new ShapeDatasetOptions { ShortcutMark = true }).Select(s => new LabeledImage(s.Id, s.Image, s.Label)).ToArray());

    [Theory]
    [InlineData("clean", "occlusion")]
    [InlineData("shortcut", "occlusion")]
    [InlineData("clean", "saliency")]
    [InlineData("shortcut", "saliency")]
    [InlineData("clean", "grad-cam")]
    [InlineData("shortcut", "grad-cam")]
    public void Measure(string model, string method)
    {
        var m = model == "clean" ? ShapesFixtures.Clean : ShapesFixtures.Shortcut;
        var images = Marked.Value;
        var maps = Maps(m, images, method);
        var result = new ShortcutScan(m).Compute(images, maps);
        output.WriteLine($"{model} {method}");
        output.WriteLine(result.ToString());
        foreach (var c in result.Classes)
        {
            output.WriteLine($"  {c.Name}: clusters {string.Join(", ", c.Clusters.Select(k => $"{k.Members.Count}@{k.Concentration:0.00}"))}");
        }
    }

    private static IReadOnlyList<IPixelMap> Maps(AuditModel model, IReadOnlyList<LabeledImage> images, string method) => method switch
    {
        "occlusion" => new OcclusionSensitivity(model).Compute(images, new OcclusionOptions { Target = Target.Label }).ToArray(),
        "saliency" => new Saliency(model).Compute(images, new SaliencyOptions { Target = Target.Label }).ToArray(),
        _ => new GradCam(model).Compute(images, new GradCamOptions { Target = Target.Label }).ToArray(),
    };
}
