using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Occlusion;

namespace ModelAuditTests;

/// <summary>The model under audit and its labelled images, loaded once for all the tests of a class.</summary>
public sealed class AuditFixture : IDisposable
{
    /// <summary>The side of the model's square input, in pixels.</summary>
    public const int InputSize = 224;

    /// <summary>The ONNX model, relative to this project's folder (or absolute).</summary>
    public const string ModelPath = "models/model.onnx";

    /// <summary>The folder holding <c>labels.csv</c>, relative to this project's folder (or absolute).</summary>
    public const string ImagesPath = "images";

    /// <summary>Your service's preprocessing: RGB, resized to the input, then <c>(pixel / 255 − mean) / std</c> per channel.</summary>
    public static readonly InputSpec Spec = InputSpec.FromMeanStd(
        InputSize, InputSize, ChannelOrder.Rgb, mean: [0.485f, 0.456f, 0.406f], std: [0.229f, 0.224f, 0.225f]);

    public AuditFixture()
    {
        var model = ProjectPath(ModelPath);
        if (!File.Exists(model))
        {
            throw new FileNotFoundException(
                $"No model at {model}: put your ONNX model there (models/README.md says how), or change ModelPath in AuditFixture.cs.", model);
        }

        var labels = Path.Combine(ProjectPath(ImagesPath), "labels.csv");
        if (!File.Exists(labels))
        {
            throw new FileNotFoundException(
                $"No {labels}: list the images to audit on there (images/README.md shows the format), or change ImagesPath in AuditFixture.cs.", labels);
        }

        Model = AuditModel.Load(model, Spec);
        Images = ImageSetReader.Read(ProjectPath(ImagesPath)).Take(64).ToArray();
    }

    public AuditModel Model { get; }

    /// <summary>Up to 64 labelled images from <c>images/labels.csv</c>, in file order.</summary>
    public IReadOnlyList<LabeledImage> Images { get; }

    /// <summary>An 8×8 grid of occluding windows, half overlapping: quick at any input size.</summary>
    public static OcclusionOptions Occlusion { get; } = new() { Window = Math.Max(2, InputSize / 8), Stride = Math.Max(1, InputSize / 16) };

    /// <summary>Where <paramref name="path"/> is: relative paths start at this project's folder, the one holding modelaudit.json.</summary>
    public static string ProjectPath(string path)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "modelaudit.json")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, path));
            }
        }

        return Path.GetFullPath(path);
    }

    public void Dispose() => Model.Dispose();
}
