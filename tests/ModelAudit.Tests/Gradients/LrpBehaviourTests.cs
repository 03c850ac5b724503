using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Tests.Gradients.Backward;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients;

/// <summary>
/// Relevance on the real models: conserved on every shapes fixture and on the cached ResNet-18 and VGG-11-BN exports
/// (the errors are written to the test output), and on the corner mark for the shortcut model.
/// </summary>
public sealed class LrpBehaviourTests(ITestOutputHelper output)
{
    private static readonly PixelBox Image = new(0, 0, 64, 64);
    private static readonly Lazy<IReadOnlyList<ShapeSample>> Marked = new(() => ShapeDataset.Generate(1000, 8, new ShapeDatasetOptions { ShortcutMark = true }));

    public static TheoryData<string, LrpComposite> Fixtures()
    {
        var data = new TheoryData<string, LrpComposite>();
        foreach (var name in new[] { "clean", "defective", "shortcut", "placed-shortcut", "untrained" })
        {
            foreach (var composite in Enum.GetValues<LrpComposite>())
            {
                data.Add(name, composite);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Conservation_ShapesFixture_InputRelevanceSumsToTheScore(string name, LrpComposite composite)
    {
        using var model = AuditModel.Load(Repo.Path("fixtures", "models", $"shapes-{name}.onnx"), ShapesFixtures.Spec);

        var maps = new LayerwiseRelevance(model).Compute(ShapesFixtures.Probes.Take(8).ToArray(), new LrpOptions { Composite = composite });

        var errors = maps.Select(m => m.Diagnostics["conservation_error"]).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shapes-{name} {composite}: conservation error mean {errors.Average():0.0000}, max {errors.Max():0.0000}"));

        // The ε-rule lets each bias keep its share; z⁺ and zᴮ pass everything on, so only the dense head's bias keeps
        // any. An untrained model's logits are mostly bias, so most of its relevance stays there.
        var bound = name == "untrained" ? 1.5 : composite == LrpComposite.Epsilon ? 1.0 : 0.2;
        errors.Should().OnlyContain(e => e < bound, "relevance is conserved up to what biases absorb");
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("vgg11_bn")]
    public void Conservation_CachedFamily_InputRelevanceSumsToTheScore(string name)
    {
        var path = Path.Combine(KnownModels.CacheFolder, "families", name + ".onnx");
        if (!File.Exists(path))
        {
            Assert.Skip($"{path} is not in the model cache: `/usr/bin/python3 fixtures/families/make_families.py --only {name}` exports it.");
        }

        using var model = AuditModel.Load(path, FamilyReference.Load(name).Spec);
        var image = Marked.Value[0].Image;

        foreach (var composite in Enum.GetValues<LrpComposite>())
        {
            var map = new LayerwiseRelevance(model).Compute(image, new LrpOptions { Composite = composite });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {composite}: score {map.Score:0.0000}, relevance {map.Diagnostics["relevance_sum"]:0.0000}, conservation error {map.Diagnostics["conservation_error"]:0.0000}"));
            if (composite != LrpComposite.Epsilon)
            {
                // ε on every convolution of a deep net amplifies near-zero denominators; z⁺ and zᴮ have none.
                map.Diagnostics["conservation_error"].Should().BeLessThan(0.05, "only the classifier's bias keeps relevance");
            }
        }
    }

    [Fact]
    public void Compute_ShortcutModel_PutsMassOnTheCornerMark()
    {
        var maps = new LayerwiseRelevance(ShapesFixtures.Shortcut).Compute(Marked.Value.Select(s => s.Image).ToArray());
        var mark = ShapeDataset.MarkBox.Inflate(3, Image);

        var onMark = maps.Select(m => PixelMapMetrics.MassInside(m, mark)).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mass on the mark: {string.Join(", ", onMark.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))}; peaks {string.Join(" ", maps.Select(m => m.Peak))}"));
        maps[0].Method.Should().Be("lrp-epsilon-plus");
        onMark.Average().Should().BeGreaterThan(0.5);
    }

    [Fact]
    public void MapMethods_Lrp_ComputesEpsilonPlusMapsForConfigSections()
    {
        var images = Marked.Value.Take(2).Select((s, i) => new LabeledImage($"marked-{i}", s.Image, s.Label)).ToArray();

        var maps = ModelAudit.Auditing.MapMethods.Compute(ShapesFixtures.Shortcut, images, "lrp", null);

        maps.Should().HaveCount(2).And.AllBeOfType<AttributionMap>();
        maps.Cast<AttributionMap>().Should().OnlyContain(m => m.Method == "lrp-epsilon-plus");
    }
}
