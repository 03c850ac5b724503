using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;
using ModelAudit.Tests.Gradients.Backward;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Gradients;

/// <summary>
/// Relevance on the real models: conserved on every shapes fixture and on one untrained export per torchvision family
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
    [MemberData(nameof(FamilyGradientTests.Committed), MemberType = typeof(FamilyGradientTests))]
    public void Conservation_CommittedFamily_RelevanceCrossesEveryGateAndActivation(string name) =>
        Conserved(name, Repo.Path("fixtures", "families", name + ".onnx"));

    [Theory]
    [MemberData(nameof(FamilyGradientTests.Cached), MemberType = typeof(FamilyGradientTests))]
    public void Conservation_CachedFamily_RelevanceCrossesEveryGateAndActivation(string name)
    {
        var path = Path.Combine(KnownModels.CacheFolder, "families", name + ".onnx");
        if (!File.Exists(path))
        {
            Assert.Skip($"{path} is not in the model cache: `/usr/bin/python3 fixtures/families/make_families.py --only {name}` exports it.");
        }

        Conserved(name, path);
    }

    /// <summary>
    /// Each composite's conservation error on the family's first reference image, written to the output; EpsilonPlus,
    /// the default, must bring most of the score to the input. Classifiers explain the reference's logit, segmenters
    /// the mean of its channel over the whole image.
    /// </summary>
    private void Conserved(string name, string path)
    {
        var reference = FamilyReference.Load(name);
        using var model = AuditModel.Load(path, reference.Spec);
        var sample = reference.Samples[0];
        Target target = reference.IsSegmenter ? new DenseTarget { Channel = sample.Pick } : sample.Pick;

        foreach (var composite in Enum.GetValues<LrpComposite>())
        {
            var map = new LayerwiseRelevance(model).Compute(sample.Image, new LrpOptions { Composite = composite, Target = target });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {composite}: score {map.Score:0.0000}, relevance {map.Diagnostics["relevance_sum"]:0.0000}, conservation error {map.Diagnostics["conservation_error"]:0.0000}"));
            if (composite == LrpComposite.EpsilonPlus)
            {
                // z⁺ and zᴮ ignore biases, so a neuron that only its bias switches on keeps its relevance: these exports'
                // batch norms are calibrated, and their biases keep up to half (MobileNetV2: 0.47; none with them zeroed).
                // A gate or activation that swallowed relevance would leave nearly none.
                map.Diagnostics["conservation_error"].Should().BeLessThan(0.6, "relevance crosses every gate and activation and only biases keep some");
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
