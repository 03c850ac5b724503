using System.Globalization;
using ModelAudit.Snapshots;

namespace ModelAudit.Invariance;

/// <summary>
/// How a model's maps follow one geometric transform over a set of images: per value and measured tensor, the
/// equivariance error (does the map move with the input?) and the invariance error (does it stay put?).
/// </summary>
public sealed record EquivarianceCurve : ISnapshotSource
{
    internal EquivarianceCurve(
        string model, Transform transform, int imageCount, int inputWidth, int inputHeight, double margin, IReadOnlyList<EquivarianceTensor> tensors, IReadOnlyList<EquivariancePoint> points)
    {
        Model = model;
        Transform = transform;
        ImageCount = imageCount;
        InputWidth = inputWidth;
        InputHeight = inputHeight;
        Margin = margin;
        Tensors = tensors;
        Points = points;
    }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>The transform, its values in input pixels.</summary>
    public Transform Transform { get; }

    public int ImageCount { get; }

    /// <summary>The model input's width: the frame the transform was applied in.</summary>
    public int InputWidth { get; }

    public int InputHeight { get; }

    /// <summary>The border band left out of every comparison, in input pixels (<see cref="EquivarianceOptions.Margin"/>).</summary>
    public double Margin { get; }

    /// <summary>The measured tensors with their map shapes, the model's output first.</summary>
    public IReadOnlyList<EquivarianceTensor> Tensors { get; }

    /// <summary>One point per transform value, ascending.</summary>
    public IReadOnlyList<EquivariancePoint> Points { get; }

    /// <summary>The model's output, the first measured tensor.</summary>
    public string Output => Tensors[0].Name;

    public IEnumerable<double> Values => Points.Select(p => p.Value);

    /// <summary>The errors of <paramref name="tensor"/> at a sampled <paramref name="value"/>.</summary>
    /// <remarks>
    /// Not interpolated: a map at a stride can follow even shifts exactly and odd ones not at all, so a value between
    /// two samples says nothing about either.
    /// </remarks>
    public EquivarianceError At(string tensor, double value)
    {
        var point = Points.FirstOrDefault(p => Math.Abs(p.Value - value) <= 1e-9)
            ?? throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture,
                $"{Transform.Name} was measured at {string.Join(", ", Values)} only."));
        return point.At(tensor);
    }

    /// <summary>The mean equivariance error of <paramref name="tensor"/> at a sampled <paramref name="value"/>.</summary>
    public double ErrorAt(string tensor, double value) => At(tensor, value).Error;

    /// <summary>The mean invariance error of <paramref name="tensor"/> at a sampled <paramref name="value"/>.</summary>
    public double InvarianceErrorAt(string tensor, double value) => At(tensor, value).InvarianceError;

    /// <summary>The sampled points with values in [from, to].</summary>
    public IReadOnlyList<EquivariancePoint> Within(double from, double to) =>
        Points.Where(p => p.Value >= from - 1e-9 && p.Value <= to + 1e-9).ToArray();

    /// <summary>Indented JSON with sorted keys and invariant numbers.</summary>
    public string ToJson() => EquivarianceJson.Write(this);

    public Snapshot ToSnapshot() => Snapshot.Of(EquivarianceJson.Metrics(this), ("plot", EquivariancePlot.Render(this)));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Transform} of '{Model}' on {ImageCount} images, at {string.Join(", ", Tensors)}");
}
