using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Auditing;

/// <summary>What every audit step's <c>Measure</c> reads: the model, all images, the class names and this run's shard.</summary>
internal sealed class MeasureContext(AuditModel model, IReadOnlyList<LabeledImage> images, IReadOnlyList<string> classes, (int Index, int Count) shard, StageClock? clock, Target? target = null, MethodsConfig? methods = null)
{
    private readonly Lazy<Dictionary<LabeledImage, int>> _positions = new(() =>
        images.Select((image, i) => (image, i)).ToDictionary<(LabeledImage Image, int Index), LabeledImage, int>(p => p.Image, p => p.Index, ReferenceEqualityComparer.Instance));

    public AuditModel Model { get; } = model;

    /// <summary>What the scoring audits measure, from the config's <c>target</c>; null for a classifier's class scores as each audit's own keys say.</summary>
    public Target? Target { get; } = target;

    /// <summary>The config's options of the map methods the audits name (<c>methods</c>).</summary>
    public MethodsConfig Methods { get; } = methods ?? new MethodsConfig();

    /// <summary>All images of the run, before sharding.</summary>
    public IReadOnlyList<LabeledImage> Images { get; } = images;

    public IReadOnlyList<string> Classes { get; } = classes;

    /// <summary>True on the shard that measures what depends on no image slice (weights, the first images' figures).</summary>
    public bool IsFirstShard => shard.Index == 1;

    /// <summary>
    /// The images an audit uses — the first <paramref name="max"/> of the run — restricted to this shard. The cap comes
    /// first, so the shards of a split together use exactly the images one unsharded run would.
    /// </summary>
    public IReadOnlyList<LabeledImage> Slice(int max) => Slice(max, _ => true);

    /// <summary>
    /// The first <paramref name="max"/> images of the run that the audit can use (e.g. those with a box), restricted
    /// to this shard: <c>max_images</c> counts usable images, so images an audit cannot use never take a place.
    /// </summary>
    public IReadOnlyList<LabeledImage> Slice(int max, Func<LabeledImage, bool> usable) =>
        All(max, usable).Where((_, i) => i % shard.Count == shard.Index - 1).ToArray();

    /// <summary>The first <paramref name="max"/> images of the whole run, ignoring shards.</summary>
    public IReadOnlyList<LabeledImage> All(int max) => All(max, _ => true);

    /// <summary>The first <paramref name="max"/> usable images of the whole run, ignoring shards.</summary>
    public IReadOnlyList<LabeledImage> All(int max, Func<LabeledImage, bool> usable) => Images.Where(usable).Take(max).ToArray();

    /// <summary>The position of <paramref name="image"/> in the run (by reference: two images may be equal in content).</summary>
    public int PositionOf(LabeledImage image) => _positions.Value[image];

    /// <summary>The image's box where it lands in the model's input (<see cref="InputSpec.Placement"/>), grown by <paramref name="margin"/> pixels.</summary>
    public Imaging.PixelBox BoxAtInput(LabeledImage image, int margin)
    {
        var bounds = new Imaging.PixelBox(0, 0, Model.Spec.Width, Model.Spec.Height);
        return Model.Spec.Placement(image.Image.Width, image.Image.Height).Map(image.Box!.Value, bounds).Inflate(margin, bounds);
    }

    /// <summary>What a figure caption says the target was on one image: the class's name, or the target's own words.</summary>
    public string TargetCaption(int targetClass, string targetName) => targetClass >= 0 ? $"class {ClassName(targetClass)}" : targetName;

    public string ClassName(int index) => Classes.ElementAtOrDefault(index) ?? index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Tells the run's progress display that the audit has done <paramref name="done"/> of <paramref name="total"/> <paramref name="unit"/>.</summary>
    public void Advance(long done, long total, string unit) => clock?.Advance(done, total, unit);
}
