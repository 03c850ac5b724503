using ModelAudit.Activations;
using ModelAudit.Assertions;
using ModelAudit.Embeddings;
using ModelAudit.Filters;
using ModelAudit.Gradients;
using ModelAudit.Invariance;
using ModelAudit.Occlusion;
using ModelAudit.Xunit;

namespace ShapesAudit;

/// <summary>The release gate for the shapes classifier: each test is one question a reviewer would ask of the model.</summary>
public sealed class ShapesClassifierAudit(ShapesModelFixture fixture) : IClassFixture<ShapesModelFixture>
{
    private IReadOnlyList<ModelAudit.Imaging.RgbImage> Images(int count) => fixture.HeldOut.Take(count).Select(s => s.Image).ToArray();

    private IReadOnlyList<int> Labels(int count) => fixture.HeldOut.Take(count).Select(s => s.Label).ToArray();

    [Fact]
    public void Evidence_lies_on_the_object_not_the_background()
    {
        var samples = fixture.HeldOut.Take(12).ToArray();
        var maps = new OcclusionSensitivity(fixture.Model).Compute(samples.Select(s => s.Image).ToArray(), new OcclusionOptions { Window = 8, Stride = 4 });

        for (var i = 0; i < samples.Length; i++)
        {
            maps[i].Should().PutMassInside(samples[i].Box.Inflate(4, samples[i].Image.Bounds), atLeast: 0.4, "image {0} is a {1}", samples[i].Id, samples[i].ClassName);
        }
    }

    [Fact]
    public void Saliency_and_grad_cam_point_at_the_object()
    {
        var samples = fixture.HeldOut.Take(8).ToArray();
        var saliency = new Saliency(fixture.Model);
        var gradCam = new GradCam(fixture.Model);
        var images = samples.Select(s => s.Image).ToArray();

        var saliencyMaps = saliency.Compute(images, new SaliencyOptions { Method = SaliencyMethod.GuidedBackprop });
        var camMaps = gradCam.Compute(images);

        for (var i = 0; i < samples.Length; i++)
        {
            var box = samples[i].Box.Inflate(2, samples[i].Image.Bounds);
            saliencyMaps[i].Should().PutMassInside(box, atLeast: 0.5, "guided backprop on {0}", samples[i].Id);
            camMaps[i].Should().PutLittleMassInside(ModelAudit.Datasets.ShapeDataset.MarkCorner, atMost: 0.2);
        }
    }

    [Fact]
    public void Occlusion_map_matches_the_approved_baseline() =>
        XunitBaseline.Match(new OcclusionSensitivity(fixture.Model).Compute(fixture.HeldOut[0].Image));

    [Fact]
    public void First_layer_filters_are_smooth_and_alive() =>
        FilterReport.For(fixture.Model, fixture.Model.Graph.FirstConv)
            .Should().HaveNoDeadFilters().And.BeSmooth(maxTotalVariation: 0.8);

    [Fact]
    public void Early_layers_fire_on_held_out_images() =>
        new ActivationAnalysis(fixture.Model).Compute(Images(64), ["relu1", "relu2"])
            .Should().HaveNoDeadChannels("relu1").And.HaveNoDeadChannels("relu2");

    [Fact]
    public void Small_shifts_keep_the_prediction() =>
        new InvarianceSweep(fixture.Model).Compute(Transform.TranslateX(-8, 8, step: 1), Images(24), Labels(24))
            .Should().KeepTop1Within(-6, 6, minAgreement: 0.95);

    [Fact]
    public void Top_layer_changes_less_than_the_first_under_shifts()
    {
        var curve = new InvarianceSweep(fixture.Model).Compute(Transform.TranslateX(-8, 8, step: 2), Images(24), Labels(24));

        curve.Should().ChangeLessAtLayer(curve.TopLayer, than: curve.FirstLayer);
    }

    [Fact]
    public void Penultimate_codes_separate_the_classes() =>
        new EmbeddingExtractor(fixture.Model).Compute(Images(200), Labels(200))
            .Should().SeparateClasses(minSilhouette: 0.3).And.HaveKnnAccuracyAbove(0.95);

    [Fact]
    public void Filters_match_the_approved_baseline() =>
        XunitBaseline.Match(FilterReport.For(fixture.Model));

    [Fact]
    public void Shift_curve_matches_the_approved_baseline() =>
        XunitBaseline.Match(new InvarianceSweep(fixture.Model).Compute(Transform.TranslateX(-8, 8, step: 2), Images(24), Labels(24)));

    [Fact]
    public void Embedding_matches_the_approved_baseline() =>
        XunitBaseline.Match(new EmbeddingExtractor(fixture.Model).Compute(Images(120), Labels(120), new EmbeddingOptions { Projection = EmbeddingProjection.Pca, ClassNames = ModelAudit.Datasets.ShapeDataset.ClassNames }));
}
