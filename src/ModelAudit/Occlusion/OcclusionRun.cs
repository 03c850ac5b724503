using System.Globalization;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Occlusion;

/// <summary>
/// The state of one image while its windows are scored. Entry 0 is the unoccluded image; entry k ≥ 1 is window k−1.
/// The tensors are dropped once the map is built, so a long list of images holds only a chunk's worth of them.
/// </summary>
internal sealed class OcclusionRun
{
    private readonly RgbImage _image;
    private readonly OcclusionScore _score;
    private readonly TargetImage _about;
    private readonly int? _class;
    private readonly BoundTarget? _bound;
    private TargetReading? _reading;
    private readonly double[] _scores;
    private readonly double[] _probabilities;
    private float[]? _tensor;
    private float[]? _fill;
    private int _target = -1;
    private int _predicted = -1;
    private double _base;
    private double _baseProbability;

    /// <param name="image">The image at the model's input size.</param>
    /// <param name="about">What the target may read about the image (its label, box, mask, text), in its own coordinates.</param>
    /// <param name="spec">The model's input spec.</param>
    /// <param name="fill">What the window shows.</param>
    /// <param name="score">The class score watched (class targets).</param>
    /// <param name="classTarget">The class watched; null for the top-1 class. Ignored with <paramref name="bound"/>.</param>
    /// <param name="bound">A target that is not a class score (rows are its tensor's values), or null for class scores.</param>
    /// <param name="windows">The number of windows.</param>
    public OcclusionRun(RgbImage image, TargetImage about, InputSpec spec, OcclusionFill fill, OcclusionScore score, int? classTarget, BoundTarget? bound, int windows)
    {
        _image = image;
        _about = about;
        _score = score;
        _class = classTarget;
        _bound = bound;
        _tensor = spec.ToTensor(image);
        _fill = fill.TensorFor(image, spec);
        _scores = new double[windows];
        _probabilities = new double[windows];
    }

    /// <summary>The image's input tensor, until every entry has been scored.</summary>
    public float[] Tensor => _tensor ?? throw new InvalidOperationException("Every entry of this run has been scored already.");

    /// <summary>The fill's input tensor, until every entry has been scored.</summary>
    public float[] Fill => _fill ?? throw new InvalidOperationException("Every entry of this run has been scored already.");

    /// <summary>Writes entry <paramref name="entry"/>'s input tensor: the image with that window copied from the fill.</summary>
    public void WriteEntry(int entry, OcclusionPlan plan, Span<float> destination)
    {
        var tensor = _tensor ?? throw new InvalidOperationException("Every entry of this run has been scored already.");
        tensor.CopyTo(destination);
        if (entry == 0)
        {
            return;
        }

        var box = plan.Boxes[entry - 1];
        var plane = plan.Width * plan.Height;
        for (var c = 0; c < tensor.Length / plane; c++)
        {
            for (var y = box.Y; y < box.Bottom; y++)
            {
                var offset = (c * plane) + (y * plan.Width) + box.X;
                _fill.AsSpan(offset, box.Width).CopyTo(destination.Slice(offset, box.Width));
            }
        }
    }

    /// <summary>The bound target as the clean row fixed it on this image; null for class scores or before entry 0.</summary>
    public TargetReading? Reading => _reading;

    /// <summary>The class watched on this image, null for its top-1 class (class targets only).</summary>
    public int? ClassTarget => _class;

    /// <summary>
    /// Keeps the target's score and probability for entry <paramref name="entry"/> from its row: class scores (logits
    /// when the score needs them, else probabilities), or the values of a bound target's tensor. Entry 0 comes first
    /// and fixes the target on this image.
    /// </summary>
    public void Record(int entry, ReadOnlySpan<float> row)
    {
        if (_bound is not null)
        {
            if (entry == 0)
            {
                _reading = _bound.Read(row, _about);
                _target = _reading.Class;
                _base = _reading.Score(row);
                _baseProbability = double.NaN;
                return;
            }

            _scores[entry - 1] = _reading!.Score(row);
            _probabilities[entry - 1] = double.NaN;
            return;
        }

        if (entry == 0)
        {
            _predicted = Prediction.ArgMax(row);
            _target = _class ?? _predicted;
            _base = OcclusionScores.Of(_score, row, _target);
            _baseProbability = OcclusionScores.Probability(_score, row, _target);
            return;
        }

        _scores[entry - 1] = OcclusionScores.Of(_score, row, _target);
        _probabilities[entry - 1] = OcclusionScores.Probability(_score, row, _target);
    }

    /// <summary>Sets window <paramref name="window"/>'s score and probability directly (an estimate for a window not scored).</summary>
    public void Estimate(int window, double score, double probability) => (_scores[window], _probabilities[window]) = (score, probability);

    /// <summary>The target's score recorded for window <paramref name="window"/>.</summary>
    public double ScoreOf(int window) => _scores[window];

    /// <summary>The target's probability recorded for window <paramref name="window"/>.</summary>
    public double ProbabilityOf(int window) => _probabilities[window];

    /// <summary>The target's score on the clean image.</summary>
    public double BaseScore => _base;

    /// <summary>Drops the tensors once every window that will be scored has been.</summary>
    public void Release()
    {
        _tensor = null;
        _fill = null;
    }

    public OcclusionMap ToMap(OcclusionPlan plan, OcclusionOptions options)
    {
        var windows = new OcclusionWindow[plan.Boxes.Length];
        var sum = new double[plan.Width * plan.Height];
        for (var k = 0; k < windows.Length; k++)
        {
            var drop = _base - _scores[k];
            windows[k] = new OcclusionWindow(plan.Boxes[k], _probabilities[k], _scores[k], drop);
            plan.ForEachPixel(plan.Boxes[k], i => sum[i] += drop);
        }

        var attribution = new float[sum.Length];
        for (var i = 0; i < sum.Length; i++)
        {
            attribution[i] = (float)(sum[i] / plan.Coverage[i]);
        }

        var name = _reading?.Label ?? string.Create(CultureInfo.InvariantCulture, $"class {_target}");
        return new OcclusionMap(_image, _target, name, _predicted, _baseProbability, _base, plan.Xs, plan.Ys, windows, attribution, options);
    }
}
