using ModelAudit.Datasets;
using ModelAudit.Models;

namespace ShapesAudit;

/// <summary>The model under audit and its held-out images, loaded once for the whole test class.</summary>
public sealed class ShapesModelFixture : IDisposable
{
    public static readonly InputSpec Spec = InputSpec.FromMeanStd(64, 64, ChannelOrder.Rgb, mean: [0.5f], std: [0.5f]);

    public ShapesModelFixture()
    {
        Model = AuditModel.Load(ModelPath("shapes-clean"), Spec);
        HeldOut = ShapeDataset.Generate(seed: 1000, count: 200);
    }

    public AuditModel Model { get; }

    /// <summary>Images the model never saw, with their object boxes and masks.</summary>
    public IReadOnlyList<ShapeSample> HeldOut { get; }

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

    public void Dispose() => Model.Dispose();
}
