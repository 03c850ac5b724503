using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Invariance;

/// <summary>
/// Whether a dense output (a segmentation or text-detection map) moves with its input: for each value of a shift,
/// scale or rotation, the map of the transformed image is compared with the untransformed map transformed the same
/// way at its own resolution (Zeiler and Fergus' invariance, the right way round for maps). The invariance error of
/// the same pixels is reported beside it, for contrast.
/// </summary>
public sealed class Equivariance
{
    private readonly AuditModel _model;

    /// <exception cref="ArgumentException">The model's output is not a map: its per-image shape is not [C, H, W] or [H, W].</exception>
    public Equivariance(AuditModel model)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        if (model.OutputShape.Count is not (2 or 3))
        {
            throw new ArgumentException(
                $"Equivariance compares maps, but output '{model.Output.Name}' of '{model.Name}' has per-image shape [{string.Join(",", model.OutputShape)}], " +
                "not [C, H, W] or [H, W]. InvarianceSweep measures classifiers.", nameof(model));
        }
    }

    /// <param name="transform">
    /// A geometric transform (<see cref="Transform.TranslateX"/>, <see cref="Transform.TranslateY"/>,
    /// <see cref="Transform.Scale"/>, <see cref="Transform.Rotate"/>, or <see cref="Transform.FromValues"/> of one of
    /// them), its values in the model's input pixels.
    /// </param>
    /// <param name="images">
    /// The images; each is placed at the model's input size (<see cref="InputSpec.Resize"/>) before it is transformed,
    /// and compared with its own untransformed map.
    /// </param>
    /// <param name="options">Tensors measured besides the output, and the border margin; default <see cref="EquivarianceOptions"/>.</param>
    public EquivarianceCurve Compute(Transform transform, IReadOnlyList<RgbImage> images, EquivarianceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(images);
        if (!transform.IsGeometric)
        {
            throw new ArgumentException(
                $"Equivariance needs a transform that moves pixels (shift, scale or rotation), but {transform.Name} does not. InvarianceSweep measures photometric transforms.",
                nameof(transform));
        }

        if (images.Count == 0)
        {
            throw new ArgumentException("Equivariance needs at least one image.", nameof(images));
        }

        var o = options ?? new EquivarianceOptions();
        var names = o.ResolveTensors(_model);
        var values = transform.Values;
        var spec = _model.Spec;
        var length = spec.TensorLength;
        var n = images.Count;

        // Slot 0 of an image is its untransformed map, slot v + 1 its map at values[v]; a run holds at most a batch of slots.
        var slots = values.Count + 1;
        var chunk = Math.Max(1, Math.Min(_model.BatchSize, slots));
        var input = new float[chunk * length];
        MapGeometry[][]? geometry = null;
        var samples = new (double Equivariance, double Invariance)[names.Count, values.Count, n];
        for (var i = 0; i < n; i++)
        {
            var placed = spec.Place(images[i]);
            float[][] original = [];
            for (var start = 0; start < slots; start += chunk)
            {
                var count = Math.Min(chunk, slots - start);
                Parallel.For(0, count, k =>
                {
                    var slot = start + k;
                    var image = slot == 0 ? placed : transform.Apply(placed, values[slot - 1]);
                    spec.WriteTensor(image, input.AsSpan(k * length, length));
                });

                var result = _model.Run(input.AsSpan(0, count * length), count, names);
                var index = names.Select(result.IndexOf).ToArray();
                if (start == 0)
                {
                    geometry ??= Geometry(transform, names.Select((name, t) => Shape(name, result.Shapes[index[t]])).ToArray(), o.Margin);
                    original = index.Select(t => result.Sample(t, 0).ToArray()).ToArray();
                }

                var (maps, carried) = (original, geometry!);
                Parallel.For(start == 0 ? 1 : 0, count, k =>
                {
                    for (var t = 0; t < names.Count; t++)
                    {
                        samples[t, start + k - 1, i] = carried[t][start + k - 1].Compare(maps[t], result.Sample(index[t], k));
                    }
                });
            }
        }

        return Curve(transform, geometry!, samples, o.Margin);
    }

    /// <summary>Per tensor and value, how the transform carries over to the tensor's map; throws when a value leaves nothing to compare.</summary>
    private MapGeometry[][] Geometry(Transform transform, EquivarianceTensor[] tensors, double margin)
    {
        var (w, h) = (_model.Spec.Width, _model.Spec.Height);
        var geometry = new MapGeometry[tensors.Length][];
        for (var t = 0; t < tensors.Length; t++)
        {
            geometry[t] = new MapGeometry[transform.Values.Count];
            for (var v = 0; v < transform.Values.Count; v++)
            {
                var value = transform.Values[v];
                geometry[t][v] = new MapGeometry(tensors[t], w, h, transform.SourceOf(value, w, h), margin);
                if (geometry[t][v].ComparedPixels == 0)
                {
                    throw new ArgumentException(FormattableString.Invariant(
                        $"{transform.Name} at {value} leaves no pixel of {tensors[t]} to compare (input {w}x{h}, margin {margin} px): the map moves entirely off itself. Use smaller values or a smaller margin."),
                        nameof(transform));
                }
            }
        }

        return geometry;
    }

    private EquivarianceTensor Shape(string name, int[] shape) => shape.Length switch
    {
        3 => new EquivarianceTensor(name, shape[0], shape[1], shape[2]),
        2 => new EquivarianceTensor(name, 1, shape[0], shape[1]),
        _ => throw new ArgumentException(
            $"EquivarianceOptions.Tensors: '{name}' of '{_model.Name}' has per-image shape [{string.Join(",", shape)}], not a map [C, h, w] or [h, w]."),
    };

    private EquivarianceCurve Curve(Transform transform, MapGeometry[][] geometry, (double Equivariance, double Invariance)[,,] samples, double margin)
    {
        var n = samples.GetLength(2);
        var points = new EquivariancePoint[transform.Values.Count];
        for (var v = 0; v < points.Length; v++)
        {
            var errors = new Dictionary<string, EquivarianceError>(StringComparer.Ordinal);
            for (var t = 0; t < geometry.Length; t++)
            {
                var eq = new double[n];
                var inv = new double[n];
                for (var i = 0; i < n; i++)
                {
                    (eq[i], inv[i]) = samples[t, v, i];
                }

                errors[geometry[t][v].Tensor.Name] = new EquivarianceError(Mean(eq), Std(eq), Mean(inv), Std(inv), geometry[t][v].ComparedFraction);
            }

            points[v] = new EquivariancePoint(transform.Values[v], errors);
        }

        return new EquivarianceCurve(_model.Name, transform, n, _model.Spec.Width, _model.Spec.Height, margin, geometry.Select(g => g[0].Tensor).ToArray(), points);
    }

    private static double Mean(double[] xs) => xs.Sum() / xs.Length;

    private static double Std(double[] xs)
    {
        var mean = Mean(xs);
        return Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / xs.Length);
    }
}
