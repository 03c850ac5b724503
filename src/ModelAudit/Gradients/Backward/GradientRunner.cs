using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Gradients.Backward;

/// <summary>
/// What the gradient methods share: one backward engine per (target, tensor, ReLU rule, flags), created on first use
/// and kept until the model is disposed; images to tensors; and the target class (given, or the model's top-1).
/// </summary>
internal sealed class GradientRunner : IDisposable
{
    private readonly Dictionary<(string?, string?, ReluRule, BackwardFlags, RelevanceRules?), GradientEngine> _engines = [];

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
    /// <remarks>With <paramref name="relevance"/>, an engine that propagates relevance by those rules.</remarks>
    public GradientEngine Engine(string? target, string? wrt, ReluRule rule, BackwardFlags flags = BackwardFlags.None, RelevanceRules? relevance = null)
    {
        lock (_engines)
        {
            if (!_engines.TryGetValue((target, wrt, rule, flags, relevance), out var engine))
            {
                engine = GradientTargets.Engine(Model.Graph, Model.Input, Model.Spec, Model.Options, target ?? GradientTargets.Logits(Model), wrt, rule, flags, relevance);
                engine.Counted = Model.CountBackwardPasses;
                _engines[(target, wrt, rule, flags, relevance)] = engine;
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

    /// <summary>
    /// <paramref name="target"/> (each image's top-1 class when null) bound to the model and fixed on each image: one
    /// forward pass when the target needs the clean outputs (the top-1 class, the decoded text), none otherwise.
    /// </summary>
    public TargetedImages Read(Target? target, float[] tensors, IReadOnlyList<TargetImage> images)
    {
        var bound = Model.Bind(target ?? Target.Predicted);
        var rows = bound.NeedsCleanRow ? Rows(bound, tensors, images.Count) : [];
        var readings = images.Select((image, i) => bound.Read(rows.Length == 0 ? default : rows.AsSpan(i * bound.RowLength, bound.RowLength), image)).ToArray();
        return new TargetedImages(bound, readings);
    }

    /// <summary>
    /// One seed per input: ∂score/∂row of <paramref name="readings"/>[k] at input k. A target that is linear in its row
    /// needs no forward pass; any other is run forward on the inputs first, so each seed is taken where it is used.
    /// </summary>
    public float[] Seeds(BoundTarget bound, IReadOnlyList<TargetReading> readings, float[] inputs)
    {
        var length = bound.RowLength;
        var seeds = new float[readings.Count * length];
        var rows = bound.IsLinear ? [] : Rows(bound, inputs, readings.Count);
        for (var k = 0; k < readings.Count; k++)
        {
            readings[k].Seed(rows.Length == 0 ? default : rows.AsSpan(k * length, length), seeds.AsSpan(k * length, length));
        }

        return seeds;
    }

    /// <summary>The score of input <paramref name="k"/> from a backward run's target values.</summary>
    public static float Score(TargetReading reading, GradientResult result, BoundTarget bound, int k) =>
        (float)reading.Score(result.Target.AsSpan(k * bound.RowLength, bound.RowLength));

    private float[] Rows(BoundTarget bound, float[] tensors, int count)
    {
        var result = Model.Run(tensors, count, [bound.Tensor]);
        return result.Data[result.IndexOf(bound.Tensor)];
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

/// <summary>A target bound to a model and fixed on each of a set of images.</summary>
internal sealed record TargetedImages(BoundTarget Bound, TargetReading[] Readings);
