using ModelAudit.Assertions;
using ModelAudit.Datasets;
using ModelAudit.Embeddings;
using ModelAudit.Filters;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Invariance;
using ModelAudit.Occlusion;
using ModelAudit.Xunit;

namespace ModelAuditTests;

/// <summary>
/// One audit of each kind. The assertions state what a reviewer would ask of the model — tune their thresholds to it;
/// the baselines catch any drift of a picture or a number from the approved one (baselines/README.md).
/// </summary>
public sealed class ModelAudits(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private IReadOnlyList<RgbImage> Images => fixture.Images.Select(i => i.Image).ToArray();

    private IReadOnlyList<int> Labels => fixture.Images.Select(i => i.Label).ToArray();

    /// <summary>Up to 8 images with a box in labels.csv; the tests that use them are skipped when there are none.</summary>
    private LabeledImage[] Boxed()
    {
        var boxed = fixture.Images.Where(i => i.Box is not null).Take(8).ToArray();
        Assert.SkipWhen(boxed.Length == 0, "no image in images/labels.csv has a box (x,y,width,height)");
        return boxed;
    }

    /// <summary>The image's box with a margin of 1/16 of its width: evidence on the object's edge still counts.</summary>
    private static PixelBox Around(LabeledImage image) => image.Box!.Value.Inflate(Math.Max(2, image.Image.Width / 16), image.Image.Bounds);

    // Occlusion: slide a grey window over the image and watch the class score drop.
    [Fact]
    public void Occlusion_map_matches_the_approved_baseline() =>
        XunitBaseline.Match(new OcclusionSensitivity(fixture.Model).Compute(fixture.Images[0].Image, AuditFixture.Occlusion));

    [Fact]
    public void Covering_the_object_hurts_more_than_covering_the_background()
    {
        var boxed = Boxed();
        var maps = new OcclusionSensitivity(fixture.Model).Compute(boxed, AuditFixture.Occlusion);

        for (var i = 0; i < boxed.Length; i++)
        {
            maps[i].Should().PutMassInside(Around(boxed[i]), atLeast: 0.4, "image {0} is labelled {1}", boxed[i].Id, boxed[i].Label);
        }
    }

    // Filters: first-layer kernels that never moved from their random start, or died, show a training problem.
    [Fact]
    public void First_layer_filters_are_alive_and_match_the_approved_baseline()
    {
        var filters = FilterReport.For(fixture.Model);

        filters.Should().HaveNoDeadFilters();
        XunitBaseline.Match(filters);
    }

    // Invariance: a classifier should keep its answer when the object moves a little.
    [Fact]
    public void Small_shifts_keep_the_prediction()
    {
        var reach = Math.Max(2, AuditFixture.InputSize / 8);
        var curve = new InvarianceSweep(fixture.Model).Compute(Transform.TranslateX(-reach, reach, step: Math.Max(1, reach / 4)), Images.Take(24).ToArray(), Labels.Take(24).ToArray());

        curve.Should().KeepTop1Within(-reach / 2, reach / 2, minAgreement: 0.9);
        XunitBaseline.Match(curve);
    }

    // Embeddings: the penultimate layer's codes should group by class.
    [Fact]
    public void Penultimate_codes_separate_the_classes()
    {
        var embedding = new EmbeddingExtractor(fixture.Model).Compute(Images, Labels, new EmbeddingOptions { Projection = EmbeddingProjection.Pca });

        embedding.Should().SeparateClasses(minSilhouette: 0.2).And.HaveKnnAccuracyAbove(0.8);
        XunitBaseline.Match(embedding);
    }

    // Gradients: Grad-CAM and saliency say which pixels the class score is most sensitive to.
    [Fact]
    public void Grad_cam_matches_the_approved_baseline() =>
        XunitBaseline.Match(new GradCam(fixture.Model).Compute(fixture.Images[0].Image));

    [Fact]
    public void Guided_backprop_points_at_the_object()
    {
        var boxed = Boxed();
        var maps = new Saliency(fixture.Model).Compute(boxed, new SaliencyOptions { Method = SaliencyMethod.GuidedBackprop });

        for (var i = 0; i < boxed.Length; i++)
        {
            maps[i].Should().PutMassInside(Around(boxed[i]), atLeast: 0.4, "image {0} is labelled {1}", boxed[i].Id, boxed[i].Label);
        }
    }
}
