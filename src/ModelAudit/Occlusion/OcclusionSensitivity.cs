using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion.Incremental;
using ModelAudit.Targets;

namespace ModelAudit.Occlusion;

/// <summary>
/// Occlusion sensitivity (Zeiler &amp; Fergus 2014): slide a window over the image, replace what it covers, and
/// watch the target class's score (its probability, logit or log-odds: <see cref="OcclusionOptions.Score"/>). Where
/// covering the image lowers it, the model found evidence there.
/// </summary>
/// <remarks>
/// By default every occluded image goes through the model's batched engine in chunks of
/// <see cref="OcclusionOptions.BatchSize"/>, built in one buffer reused across chunks, images and calls.
/// <see cref="OcclusionMode.Incremental"/> computes the same maps with less arithmetic; the approximations
/// (<see cref="OcclusionOptions.ProjectiveFieldThreshold"/>, <see cref="OcclusionOptions.DrillDown"/>) trade accuracy
/// for speed and report what they cost in <see cref="OcclusionMap.Approximation"/>.
/// </remarks>
public sealed class OcclusionSensitivity
{
    private readonly object _gate = new();
    private readonly Dictionary<(int, int, int, double, string?), IncrementalPlan?> _plans = [];
    private readonly Dictionary<(IncrementalPlan, int, bool, bool, string?), IncrementalRunner> _runners = [];
    private readonly Dictionary<OcclusionOptions, OcclusionApproximation> _errors = [];
    private float[] _chunk = [];

    public OcclusionSensitivity(AuditModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    public AuditModel Model { get; }

    /// <summary>How many exact maps were computed to measure approximations' error (for tests and benchmarks).</summary>
    internal int ExactReferenceMaps { get; private set; }

    /// <summary>For tests: end the incremental prefix at this tensor instead of where the cost model would.</summary>
    internal string? SplitAt { get; init; }

    /// <summary>What one lane of incremental occlusion may keep in recomputed patches at once; tests lower it to force many waves.</summary>
    internal long PatchBudgetBytes { get; init; } = Incremental.IncrementalLane.DefaultPatchBudgetBytes;

    /// <summary>The activations one segment of the first-order suffix's backward pass may compute; tests lower it to force many segments.</summary>
    internal long SegmentBudgetBytes { get; init; } = Incremental.CheckpointedSuffix.DefaultSegmentBudgetBytes;

    /// <summary>The occlusion map of one image.</summary>
    public OcclusionMap Compute(RgbImage image, OcclusionOptions? options = null) => Compute([image], options)[0];

    /// <summary>
    /// The occlusion maps of several images, in order. In plain mode the windows of all images share the model's
    /// batches and <paramref name="progress"/> hears after each batch; otherwise after each image.
    /// </summary>
    public IReadOnlyList<OcclusionMap> Compute(IReadOnlyList<RgbImage> images, OcclusionOptions? options = null, IProgress<OcclusionProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        for (var i = 0; i < images.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(images[i], $"{nameof(images)}[{i}]");
        }

        return Compute(images, images.Select(TargetImage.Of).ToArray(), options, progress);
    }

    /// <summary>As for plain images; the target may use each image's label, box, mask or text (<see cref="Target.Label"/>, <see cref="DenseTarget"/>, <see cref="SequenceTarget"/>).</summary>
    public IReadOnlyList<OcclusionMap> Compute(IReadOnlyList<LabeledImage> images, OcclusionOptions? options = null, IProgress<OcclusionProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        for (var i = 0; i < images.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(images[i], $"{nameof(images)}[{i}]");
        }

        return Compute(images.Select(i => i.Image).ToArray(), images.Select(TargetImage.Of).ToArray(), options, progress);
    }

    private OcclusionMap[] Compute(IReadOnlyList<RgbImage> images, TargetImage[] about, OcclusionOptions? options, IProgress<OcclusionProgress>? progress)
    {
        Model.ThrowIfDisposed();
        var o = options ?? OcclusionOptions.Default;
        var spec = Model.Spec;
        o.Validate(spec, Model.IsClassifier ? Model.ClassCount : null);
        lock (_gate)
        {
            var bound = Bound(o);
            var classes = about.Select(a => ClassOf(o.Target, a)).ToArray();
            var plan = new OcclusionPlan(spec, o);
            var scorer = Scorer(plan, o, bound);
            var perImage = plan.Boxes.Length + 1;
            OcclusionMap[] maps;
            if (scorer is FullScorer full && o.DrillDown is null)
            {
                maps = Shared(images, about, classes, bound, plan, o, full, progress);
            }
            else
            {
                maps = new OcclusionMap[images.Count];
                for (var i = 0; i < images.Count; i++)
                {
                    var before = i * perImage;
                    Action<int>? scored = progress is null || o.DrillDown is not null ? null : n => progress.Report(new OcclusionProgress(before + n, images.Count * perImage));
                    maps[i] = Map(images[i], about[i], classes[i], bound, plan, o, scorer, scored);
                    progress?.Report(new OcclusionProgress((i + 1) * perImage, images.Count * perImage));
                }
            }

            return o.IsApproximate && o.ApproximationSample > 0 && images.Count > 0 ? WithError(images, about, classes, plan, o, maps) : maps;
        }
    }

    /// <summary>The incremental plan <paramref name="options"/> would use, or null when it would run in full (for tests and benchmarks).</summary>
    internal IncrementalPlan? PlanFor(OcclusionOptions options)
    {
        lock (_gate)
        {
            return IncrementalPlanFor(new OcclusionPlan(Model.Spec, options), options);
        }
    }

    /// <summary>
    /// The class target's bound form when the options watch something other than the first output's class scores
    /// (a dense, sequence or custom target), else null: class scores keep their probability, logit and log-odds.
    /// </summary>
    private BoundTarget? Bound(OcclusionOptions o)
    {
        if (o.Target is null or ClassTarget { Output: null })
        {
            if (!Model.IsClassifier)
            {
                // Asking for the class count throws the message that names the target kinds.
                _ = Model.ClassCount;
            }

            return null;
        }

        if (o.Target is ClassTarget)
        {
            throw new ArgumentException($"Invalid occlusion options: a class target reads the model's first output; '{o.Target.Output}' cannot be watched as class scores. Use a custom target for another output.");
        }

        if (o.ProjectiveFieldThreshold < 1)
        {
            throw new ArgumentException($"Invalid occlusion options: the projective-field approximation watches class scores; the target {o.Target.Describe()} is scored exactly or to first order (drop {nameof(o.ProjectiveFieldThreshold)}, or use {nameof(o.FirstOrder)}).");
        }

        return Model.Bind(o.Target);
    }

    /// <summary>The class a class target watches on one image: the given one, the label, or null for the top-1 class.</summary>
    private static int? ClassOf(Target? target, TargetImage about) => target switch
    {
        ClassTarget { Index: { } k } => k,
        ClassTarget { FromLabel: true } => about.Label ?? throw new TargetException("The occlusion target is each image's labelled class, but an image has no label."),
        _ => null,
    };

    private OcclusionMap Map(RgbImage image, TargetImage about, int? classTarget, BoundTarget? bound, OcclusionPlan plan, OcclusionOptions o, IOcclusionScorer scorer, Action<int>? scored = null)
    {
        var run = new OcclusionRun(ToModelSize(image), about, Model.Spec, o.Fill, o.Score, classTarget, bound, plan.Boxes.Length);
        if (o.DrillDown is null)
        {
            scorer.Score(run, Enumerable.Range(0, plan.Boxes.Length).ToArray(), scored);
        }
        else
        {
            DrillDown.Run(run, plan, o, scorer);
        }

        run.Release();
        return run.ToMap(plan, o);
    }

    /// <summary>Plain occlusion of several images: all their windows share the model's batches.</summary>
    private OcclusionMap[] Shared(IReadOnlyList<RgbImage> images, TargetImage[] about, int?[] classes, BoundTarget? bound, OcclusionPlan plan, OcclusionOptions o, FullScorer scorer, IProgress<OcclusionProgress>? progress)
    {
        var runs = images.Select((image, i) => new OcclusionRun(ToModelSize(image), about[i], Model.Spec, o.Fill, o.Score, classes[i], bound, plan.Boxes.Length)).ToArray();
        var total = runs.Length * (plan.Boxes.Length + 1);
        scorer.ScoreAll(runs, done => progress?.Report(new OcclusionProgress(done, total)));
        return runs.Select(run =>
        {
            run.Release();
            return run.ToMap(plan, o);
        }).ToArray();
    }

    /// <summary>
    /// Attaches the approximation's measured error to every map. The error is measured once per options on this
    /// instance — the first call computes its first images exactly too — so later calls cost only the approximation.
    /// </summary>
    private OcclusionMap[] WithError(IReadOnlyList<RgbImage> images, TargetImage[] about, int?[] classes, OcclusionPlan plan, OcclusionOptions o, OcclusionMap[] maps)
    {
        if (!_errors.TryGetValue(o, out var approximation))
        {
            approximation = MeasureError(images, about, classes, plan, o, maps);
            _errors[o] = approximation;
        }

        return maps.Select(m => m.WithApproximation(approximation)).ToArray();
    }

    private OcclusionApproximation MeasureError(IReadOnlyList<RgbImage> images, TargetImage[] about, int?[] classes, OcclusionPlan plan, OcclusionOptions o, OcclusionMap[] maps)
    {
        var exact = o with { ProjectiveFieldThreshold = 1, DrillDown = null, FirstOrder = null };
        var bound = Bound(exact);
        var scorer = Scorer(plan, exact, bound);
        var n = Math.Min(o.ApproximationSample, images.Count);
        var ssim = new double[n];
        var diff = 0.0;
        for (var i = 0; i < n; i++)
        {
            var reference = Map(images[i], about[i], classes[i], bound, plan, exact, scorer);
            ExactReferenceMaps++;
            ssim[i] = OcclusionMetrics.Ssim(maps[i], reference);
            diff = Math.Max(diff, OcclusionMetrics.MaxAbsDifference(maps[i], reference));
        }

        var method = string.Join(", ", new[]
        {
            o.ProjectiveFieldThreshold < 1 ? string.Create(CultureInfo.InvariantCulture, $"projective-field threshold {o.ProjectiveFieldThreshold}") : null,
            o.DrillDown is { } d ? string.Create(CultureInfo.InvariantCulture, $"drill-down (coarse stride {d.CoarseStrideFor(o.Stride)}, hot fraction {d.HotFraction})") : null,
            o.FirstOrder is null ? null : IncrementalPlanFor(plan, o) is { } split ? $"first-order suffix from '{split.Split}'" : "first-order suffix (no split: ran in full)",
        }.OfType<string>());
        return new OcclusionApproximation(method, n, ssim.Average(), ssim.Min(), diff);
    }

    /// <summary>Incremental scoring where the options ask for it and the model splits, for any target; full re-inference otherwise.</summary>
    private IOcclusionScorer Scorer(OcclusionPlan plan, OcclusionOptions o, BoundTarget? bound) =>
        o.Mode == OcclusionMode.Incremental && IncrementalPlanFor(plan, o) is { } incremental
            ? new IncrementalScorer(Runner(incremental, o.BatchSize, o.FirstOrder is not null, o.Score.NeedsLogits(), bound?.Tensor), o.Score)
            : new FullScorer(Model, plan, o.BatchSize, o.Score.NeedsLogits(), bound, Buffer);

    /// <summary>
    /// The runner for a plan, kept with its crop and patch buffers: on this kind of machine fresh multi-megabyte
    /// arrays for every map cost more in page faults than the copies they hold.
    /// </summary>
    private IncrementalRunner Runner(IncrementalPlan plan, int chunk, bool firstOrder, bool logits, string? target)
    {
        if (!_runners.TryGetValue((plan, chunk, firstOrder, logits, target), out var runner))
        {
            runner = new IncrementalRunner(Model, plan, chunk, firstOrder, logits, target, PatchBudgetBytes, SegmentBudgetBytes);
            _runners[(plan, chunk, firstOrder, logits, target)] = runner;
        }

        return runner;
    }

    /// <summary>
    /// The incremental plan for <paramref name="o"/>: split where the cost model says, or at the tensor a first-order
    /// suffix names. Null when the model has no split worth making.
    /// </summary>
    private IncrementalPlan? IncrementalPlanFor(OcclusionPlan plan, OcclusionOptions o)
    {
        var split = o.FirstOrder?.From ?? SplitAt;
        var key = (o.WindowHeight, o.WindowWidth, o.Stride, o.ProjectiveFieldThreshold, split ?? (o.FirstOrder is null ? null : "first-order"));
        if (!_plans.TryGetValue(key, out var incremental))
        {
            var units = StageSessions.For(Model).Units;
            try
            {
                incremental = IncrementalPlanner.Choose(units, plan, o.ProjectiveFieldThreshold, split);
                if (incremental is null && o.FirstOrder is not null && units.Splits.Count > 0)
                {
                    // No split pays for exact inference, but skipping the suffix does: expand from the deepest cut.
                    incremental = IncrementalPlanner.Choose(units, plan, o.ProjectiveFieldThreshold, units.Splits[^1]);
                }
            }
            catch (ArgumentException e) when (o.FirstOrder?.From is not null)
            {
                throw new ArgumentException($"Invalid occlusion options: {nameof(o.FirstOrder)}.{nameof(OcclusionFirstOrder.From)}: {e.Message}", e);
            }

            _plans[key] = incremental;
        }

        return incremental;
    }

    /// <summary>The chunk buffer, grown when a larger chunk is asked for and otherwise reused.</summary>
    private float[] Buffer(int length)
    {
        if (_chunk.Length < length)
        {
            _chunk = new float[length];
        }

        return _chunk;
    }

    private RgbImage ToModelSize(RgbImage image) =>
        Model.Spec.Place(image);
}
