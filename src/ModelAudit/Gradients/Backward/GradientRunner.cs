using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// What the gradient methods share: one backward engine per (target, tensor, ReLU rule, flags), created on first use
/// and kept until the model is disposed; images to tensors; and the target class (given, or the model's top-1).
/// </summary>
internal sealed class GradientRunner : IDisposable
{
    private readonly Dictionary<(string?, string?, ReluRule, BackwardFlags), GradientEngine> _engines = [];

    private GradientRunner(AuditModel model) => Model = model;

    public AuditModel Model { get; }

    public int Width => Model.Spec.Width;

    public int Height => Model.Spec.Height;

    public int Plane => Width * Height;

    /// <summary>
    /// The model's one runner, a companion of the model: every method object on one model shares its engines (a
    /// backward session each, costly to build), and they are disposed with the model, so methods need no disposal.
    /// </summary>
    public static GradientRunner For(AuditModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Companion(m => new GradientRunner(m));
    }

    /// <summary>From the class logits to <paramref name="wrt"/> (the input when null).</summary>
    public GradientEngine Engine(string? wrt, ReluRule rule) => Engine(null, wrt, rule);

    /// <summary>From <paramref name="target"/> (the class logits when null) to <paramref name="wrt"/> (the input when null).</summary>
    public GradientEngine Engine(string? target, string? wrt, ReluRule rule, BackwardFlags flags = BackwardFlags.None)
    {
        lock (_engines)
        {
            if (!_engines.TryGetValue((target, wrt, rule, flags), out var engine))
            {
                engine = GradientTargets.Engine(Model.Graph, Model.Input, Model.Spec, Model.Options, target ?? GradientTargets.Logits(Model), wrt, rule, flags);
                _engines[(target, wrt, rule, flags)] = engine;
            }

            return engine;
        }
    }

    /// <summary>A layer given by conv node name or tensor name, as its tensor name.</summary>
    public string Tensor(string layer) => Model.Graph.ConvLayers.FirstOrDefault(c => c.NodeName == layer)?.Output ?? layer;

    public float[] Tensors(IReadOnlyList<RgbImage> images)
    {
        var n = Model.Spec.TensorLength;
        var tensors = new float[images.Count * n];
        for (var i = 0; i < images.Count; i++)
        {
            Model.Spec.WriteTensor(images[i], tensors.AsSpan(i * n, n));
        }

        return tensors;
    }

    /// <summary>The given class for every image, or each image's top-1 class.</summary>
    public int[] Targets(float[] tensors, int count, int? targetClass)
    {
        if (targetClass is { } k)
        {
            return k < 0 || k >= Model.ClassCount
                ? throw new ArgumentOutOfRangeException(nameof(targetClass), k, $"TargetClass must be between 0 and {Model.ClassCount - 1} for '{Model.Name}'.")
                : Enumerable.Repeat(k, count).ToArray();
        }

        var probabilities = Model.Probabilities(tensors, count);
        return Enumerable.Range(0, count).Select(i => Prediction.ArgMax(probabilities.AsSpan(i * Model.ClassCount, Model.ClassCount))).ToArray();
    }

    /// <summary>The image as the model sees it (resized to the input size), for overlays.</summary>
    public RgbImage AtInputSize(RgbImage image) =>
        Model.Spec.Place(image);

    /// <summary>Per pixel, the largest |value| over the channels of one C·H·W gradient.</summary>
    public float[] AbsMaxOverChannels(ReadOnlySpan<float> chw)
    {
        var map = new float[Plane];
        for (var c = 0; c < chw.Length / Plane; c++)
        {
            for (var p = 0; p < Plane; p++)
            {
                map[p] = Math.Max(map[p], Math.Abs(chw[(c * Plane) + p]));
            }
        }

        return map;
    }

    public void Dispose()
    {
        lock (_engines)
        {
            foreach (var engine in _engines.Values)
            {
                engine.Dispose();
            }

            _engines.Clear();
        }
    }
}
