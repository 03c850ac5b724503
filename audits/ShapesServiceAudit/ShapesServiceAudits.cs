using ModelAudit.Assertions;
using ModelAudit.Gradients;
using ModelAudit.Invariance;
using ModelAudit.Occlusion;

namespace ShapesServiceAudit;

/// <summary>
/// The release gate for the shapes service. The first test is what makes the rest worth reading: the model ModelAudit
/// audits is fed exactly what the production pipeline feeds it.
/// </summary>
public sealed class ShapesServiceAudits(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public void The_audited_model_scores_what_the_service_scores()
    {
        var uploads = ServiceFixture.Uploads(fixture.Images.Take(16).Select(i => i.Image));

        var agreement = fixture.Model.VerifyPipeline(uploads);

        agreement.MaxDifference.Should().BeLessThanOrEqualTo(1e-4, "every logit of {0} uploads, at four sizes, through ML.NET and through the audit engine", uploads.Count);
        fixture.Model.Pipeline!.Agreement.Agrees.Should().BeTrue();
    }

    [Fact]
    public void The_service_names_the_shapes()
    {
        // Not disposed: disposing a PredictionEngine disposes the ONNX session of the transformer it was made from,
        // which the fixture's audited model shares with the other tests.
        var engine = fixture.Ml.Model.CreatePredictionEngine<Upload, Scores>(fixture.Service);
        var files = File.ReadLines(Path.Combine(fixture.ImageFolder, "labels.csv")).Skip(1).Select(l => l.Split(',')).ToArray();

        var correct = files.Count(f => ShapesService.Classify(engine, f[0]) == ShapesService.Classes[int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)]);

        ((double)correct / files.Length).Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void Evidence_lies_on_the_object_not_the_background()
    {
        var samples = fixture.Images.Take(12).ToArray();
        var maps = new OcclusionSensitivity(fixture.Model).Compute(samples.Select(s => s.Image).ToArray(), new OcclusionOptions { Window = 8, Stride = 4 });

        for (var i = 0; i < samples.Length; i++)
        {
            maps[i].Should().PutMassInside(samples[i].Box!.Value.Inflate(4, samples[i].Image.Bounds), atLeast: 0.4, "upload {0}", samples[i].Id);
        }
    }

    [Fact]
    public void Grad_cam_points_at_the_object()
    {
        var samples = fixture.Images.Take(8).ToArray();
        var maps = new GradCam(fixture.Model).Compute(samples.Select(s => s.Image).ToArray());

        for (var i = 0; i < samples.Length; i++)
        {
            maps[i].Should().PeakInside(samples[i].Box!.Value.Inflate(4, samples[i].Image.Bounds), tolerance: 0, "upload {0}", samples[i].Id);
        }
    }

    [Fact]
    public void Small_shifts_keep_the_prediction() =>
        new InvarianceSweep(fixture.Model).Compute(Transform.TranslateX(-8, 8, step: 2), fixture.Images.Take(24).Select(i => i.Image).ToArray(), fixture.Images.Take(24).Select(i => i.Label).ToArray())
            .Should().KeepTop1Within(-6, 6, minAgreement: 0.95);
}
