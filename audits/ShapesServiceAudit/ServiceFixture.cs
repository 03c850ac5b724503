using Microsoft.ML;
using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Pipelines;

namespace ShapesServiceAudit;

/// <summary>
/// The service's pipeline, fitted once, and the team's labelled pictures in a folder (here: shapes written by
/// ModelAudit's generator, with their boxes), plus the model ModelAudit reads from that pipeline.
/// </summary>
public sealed class ServiceFixture : IDisposable
{
    public ServiceFixture()
    {
        ImageFolder = Directory.CreateTempSubdirectory("shapes-service-images-").FullName;
        WriteFolder(ImageFolder, ShapeDataset.Generate(seed: 1000, count: 64));
        Images = ImageSetReader.Read(ImageFolder);

        Ml = new MLContext(seed: 0);
        var estimator = ShapesService.Pipeline(Ml, ImageFolder, ModelPath("shapes-clean"));
        Service = estimator.Fit(Ml.Data.LoadFromEnumerable(Array.Empty<Upload>()));

        // The audited model is the service's pipeline; the spec is read from it, and checked on a few uploads of
        // the sizes the service receives before any audit runs.
        Model = AuditModel.FromPipeline(Ml, Service, new PipelineOptions { Images = Uploads(Images.Take(4).Select(i => i.Image)) });
    }

    public string ImageFolder { get; }

    /// <summary>The labelled pictures: file, label, the object's box and mask.</summary>
    public IReadOnlyList<LabeledImage> Images { get; }

    public MLContext Ml { get; }

    /// <summary>The production pipeline, fitted.</summary>
    public ITransformer Service { get; }

    public AuditModel Model { get; }

    /// <summary>Pictures as users upload them: the same scene, larger, and wider or taller than the model's input.</summary>
    public static IReadOnlyList<RgbImage> Uploads(IEnumerable<RgbImage> images) =>
        images.SelectMany(i => new[] { i, ImageOps.Resize(i, 96, 80), ImageOps.Resize(i, 80, 120), ImageOps.Resize(i, 150, 150) }).ToArray();

    /// <summary>A folder as a team keeps its pictures: PNG files and a labels.csv with each object's box.</summary>
    private static void WriteFolder(string folder, IReadOnlyList<ShapeSample> samples)
    {
        var csv = new System.Text.StringBuilder("file,label,x,y,width,height\n");
        foreach (var s in samples)
        {
            ImageCodec.SavePng(s.Image, Path.Combine(folder, s.Id + ".png"));
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{s.Id}.png,{s.Label},{s.Box.X},{s.Box.Y},{s.Box.Width},{s.Box.Height}\n");
        }

        File.WriteAllText(Path.Combine(folder, "labels.csv"), csv.ToString());
    }

    public static string ModelPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "fixtures", "models", name + ".onnx");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"fixtures/models/{name}.onnx not found above {AppContext.BaseDirectory}.");
    }

    public void Dispose()
    {
        Model.Dispose();
        Directory.Delete(ImageFolder, recursive: true);
    }
}
