using ModelAudit.Datasets;
using ModelAudit.Faithfulness;
using ModelAudit.Models;

namespace ModelAudit.Texture;

/// <summary>
/// Geirhos et al.'s cue-conflict test ("ImageNet-trained CNNs are biased towards texture", ICLR 2019): images whose
/// shape says one class and whose texture another, made by style transfer — starting from the shape image, descent on
/// a content loss to the shape image at one deep layer plus a Gram (style) loss to the texture image at several layers,
/// through the model's own backward graphs (<see cref="FeatureInversion"/>). Each image is classified and the decision
/// counted as following the shape, the texture, or neither; the shape bias is shape / (shape + texture). Seeded and
/// deterministic: the same images and options give the same pixels and numbers.
/// </summary>
public sealed class CueConflict(AuditModel model)
{
    /// <summary>Pairs whose descents run as one batch.</summary>
    private const int Chunk = 16;

    public CueConflictResult Compute(IReadOnlyList<LabeledImage> images, CueConflictOptions? options = null) => Compute(images, options, null);

    /// <summary>As the public overload; <paramref name="stepped"/> is told the descent steps done and to do (over all batches of pairs) after each step.</summary>
    internal CueConflictResult Compute(IReadOnlyList<LabeledImage> images, CueConflictOptions? options, Action<long, long>? stepped)
    {
        ArgumentNullException.ThrowIfNull(images);
        options ??= CueConflictOptions.Default;
        options.Validate();
        if (!model.IsClassifier)
        {
            throw new ArgumentException($"'{model.Name}' is not a classifier; a cue-conflict decision is a class.", nameof(images));
        }

        var shapes = ClassByClass(images.Where(i => i.Label >= 0));
        var textures = (options.Textures ?? images).Where(i => i.Label >= 0).ToArray();
        if (shapes.Length == 0 || shapes.Select(s => s.Label).Distinct().Any(label => textures.All(t => t.Label == label)))
        {
            throw new ArgumentException("A cue-conflict image needs a labelled shape image and a texture image of another class; give labelled images of at least two classes.", nameof(images));
        }

        var (contentLayer, styleLayers) = Layers(model, options);
        var spec = model.Spec;
        var sources = new (LabeledImage Shape, LabeledImage Texture)[options.Pairs];
        var problems = new InversionProblem[options.Pairs];
        var byClass = textures.GroupBy(t => t.Label).ToDictionary(g => g.Key, g => Shuffled(g.ToArray(), SeedMix.Of(options.Seed, g.Key, 1)));
        var classes = byClass.Keys.Order().ToArray();
        var (uses, taken) = (new Dictionary<int, int>(), new Dictionary<int, int>());
        for (var k = 0; k < options.Pairs; k++)
        {
            // The n-th pair of a shape class takes its texture from the n-th other class, counting on from the shape's.
            var shape = shapes[k % shapes.Length];
            var others = classes.Where(c => c != shape.Label).OrderBy(c => c < shape.Label ? 1 : 0).ToArray();
            var round = uses[shape.Label] = uses.GetValueOrDefault(shape.Label, -1) + 1;
            var textureClass = others[round % others.Length];
            var next = taken[textureClass] = taken.GetValueOrDefault(textureClass, -1) + 1;
            var texture = byClass[textureClass][next % byClass[textureClass].Length];
            sources[k] = (shape, texture);
            problems[k] = new InversionProblem(
                [
                    new(contentLayer, shape.Image, options.ContentWeight, (r, _) => ContentReconstruction.Loss(r)),
                    .. styleLayers.Select(l => new InversionTerm(l, texture.Image, options.StyleWeight / styleLayers.Length, StyleReconstruction.Loss)),
                ],
                options.StartFromNoise ? null : shape.Image,
                SeedMix.Of(options.Seed, k, 0));
        }

        // Chunks of a fixed size, so the batches, and with them the numbers, do not depend on the machine.
        var chunks = problems.Chunk(Chunk).ToArray();
        var total = (long)chunks.Length * options.Steps;
        var made = chunks.SelectMany((chunk, c) => FeatureInversion.Run(model, chunk, options.Steps, options.StepSize, step => stepped?.Invoke(((long)c * options.Steps) + step, total)))
            .Select((result, k) => (sources[k].Shape, sources[k].Texture, Result: result)).ToArray();
        var backward = made.Sum(m => m.Result.BackwardPasses);

        // One batch: the cue-conflict images, then their shape and texture images, to say whether each source was recognised.
        var predictions = model.Predict([.. made.Select(m => m.Result.Image), .. made.Select(m => m.Shape.Image), .. made.Select(m => m.Texture.Image)]);
        var n = made.Length;
        var pairs = made.Select((m, k) => new CueConflictPair(
            m.Shape.Id, m.Shape.Label, m.Texture.Id, m.Texture.Label, predictions[k].Top1, predictions[k].Confidence,
            m.Result.StartTermLosses.Skip(1).Average(), m.Result.FinalTermLosses.Skip(1).Average(), m.Result.FinalTermLosses[0],
            predictions[n + k].Top1 == m.Shape.Label, predictions[(2 * n) + k].Top1 == m.Texture.Label,
            spec.Place(m.Shape.Image), spec.Place(m.Texture.Image), m.Result.Image)).ToArray();
        return new CueConflictResult(pairs, contentLayer, styleLayers, options.Steps, 3L * n, backward);
    }

    /// <summary>shape / (shape + texture): the share of the decisions that followed either cue that followed the shape; NaN when none did.</summary>
    public static double ShapeBias(int shapeDecisions, int textureDecisions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shapeDecisions);
        ArgumentOutOfRangeException.ThrowIfNegative(textureDecisions);
        return shapeDecisions + textureDecisions == 0 ? double.NaN : shapeDecisions / (double)(shapeDecisions + textureDecisions);
    }

    /// <summary>
    /// Whether a shape bias says anything: at least half of the <paramref name="pairs"/>, and at least one, were classified
    /// as their shape's or their texture's class. Below that most decisions followed neither cue — the transfer lost both,
    /// or the model reads something else — and the ratio of the few left is noise.
    /// </summary>
    public static bool Conclusive(int shapeDecisions, int textureDecisions, int pairs) =>
        shapeDecisions + textureDecisions > 0 && 2 * (shapeDecisions + textureDecisions) >= pairs;

    /// <summary>The cue a predicted class followed.</summary>
    internal static CueDecision Decide(int predicted, int shapeLabel, int textureLabel) =>
        predicted == shapeLabel ? CueDecision.Shape : predicted == textureLabel ? CueDecision.Texture : CueDecision.Other;

    /// <summary>The first image of each class (in order of first appearance), then the second of each, …: a set sorted by class still gives shapes of every class.</summary>
    private static LabeledImage[] ClassByClass(IEnumerable<LabeledImage> images) =>
        images.GroupBy(i => i.Label).SelectMany(g => g.Select((image, rank) => (image, rank))).OrderBy(p => p.rank).Select(p => p.image).ToArray();

    /// <summary>One class's texture images in a seeded order (Fisher–Yates), whatever their order in the set.</summary>
    private static LabeledImage[] Shuffled(LabeledImage[] textures, int seed)
    {
        var order = textures.ToArray();
        var random = new Random(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static (string Content, string[] Style) Layers(AuditModel model, CueConflictOptions options)
    {
        var style = TextureLayers.Resolve(model, new TextureOptions { Layers = options.StyleLayers });
        if (options.ContentLayer is { } named)
        {
            return (named, style);
        }

        var convs = model.Graph.ConvLayers;
        if (convs.Count == 0)
        {
            throw new ArgumentException($"'{model.Name}' has no conv layer; name the content layer (CueConflictOptions.ContentLayer).", nameof(options));
        }

        return (convs[2 * (convs.Count - 1) / 3].Output, style);
    }
}
