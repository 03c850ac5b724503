using System.Numerics.Tensors;
using ModelAudit.Gradients.Backward;
using ModelAudit.Models;
using ModelAudit.Targets;
using GradientException = ModelAudit.Gradients.GradientException;

namespace ModelAudit.Occlusion.Incremental;

/// <summary>
/// The network after the split, expanded to first order around the clean image (<see cref="OcclusionFirstOrder"/>).
/// What is expanded is the target's log-odds m = z_t − log Σ_{k≠t} exp z_k, of which the probability is exactly
/// σ(m): a window's probability is estimated as σ(m + ∇m·(patch − clean)). Expanding m rather than p keeps the
/// softmax out of the approximation, so a confident model whose probability collapses under a window is estimated
/// well, and a suffix that is linear up to a two-class softmax gives exact maps. For the logit score the logit z_t
/// itself is expanded (seed e_t), so a suffix linear up to its logits gives exact logit maps.
/// </summary>
internal sealed class FirstOrderSuffix : IDisposable
{
    private readonly CheckpointedSuffix _engine;
    private readonly string _source;

    /// <param name="model">The audited model.</param>
    /// <param name="locality">Its graph analysis.</param>
    /// <param name="last">The prefix's last unit: the expansion starts at its output.</param>
    /// <param name="height">That output's height.</param>
    /// <param name="width">That output's width.</param>
    /// <param name="target">The tensor a bound target reads; null for class scores, read at the logits.</param>
    /// <param name="budgetBytes">The backward pass's segment budget (<see cref="CheckpointedSuffix"/>).</param>
    public FirstOrderSuffix(AuditModel model, GraphLocality locality, IncrementalUnit last, int height, int width, string? target = null, long budgetBytes = CheckpointedSuffix.DefaultSegmentBudgetBytes)
    {
        // The logits, not a final Softmax: the log-odds are computed from them without the softmax's rounding.
        var end = target ?? GradientTargets.Logits(model);
        _source = $"{model.Source} [{last.Output} -> {end}]";
        try
        {
            _engine = new CheckpointedSuffix(locality, last.Output, [last.Channels.Output, height, width], end, model.Options, model.Source, budgetBytes);
        }
        catch (GradientException e)
        {
            throw new GradientException(
                $"First-order occlusion differentiates '{model.Source}' after '{last.Output}', and cannot: {e.Message} " +
                $"Expand from a later tensor ({nameof(OcclusionOptions.FirstOrder)}.{nameof(OcclusionFirstOrder.From)}) or compute the map without {nameof(OcclusionOptions.FirstOrder)}.", e);
        }
    }

    /// <summary>
    /// The target's log-odds (its logit for <see cref="OcclusionScore.Logit"/>) at the clean activation
    /// <paramref name="split"/>, and their gradient there. With q the softmax over the classes other than t,
    /// ∂m/∂z = e_t − q: the seed of the logits' backward pass; the logit's seed is e_t.
    /// </summary>
    public (double Value, float[] Gradient) Expand(float[] split, int target, OcclusionScore score)
    {
        var z = _engine.Forward(split);
        if (score == OcclusionScore.Logit)
        {
            var oneHot = z.Select((_, k) => k == target ? 1f : 0f).ToArray();
            return Checked(z[target], _engine.Gradient(split, oneHot), $"class {target}");
        }

        if (z.Length == 1)
        {
            // One class has probability 1 whatever the window: infinite log-odds, nothing to differentiate.
            return (double.PositiveInfinity, new float[split.Length]);
        }

        // q_k = exp(z_k − max) / Σ exp(z_j − max) over the other classes, computed stably in double.
        var max = z.Where((_, k) => k != target).Max();
        var weights = z.Select((v, k) => k == target ? 0 : Math.Exp(v - max)).ToArray();
        var sum = weights.Sum();
        var seed = weights.Select((w, k) => k == target ? 1f : (float)(-w / sum)).ToArray();
        var logOdds = z[target] - (max + Math.Log(sum));
        return Checked(logOdds, _engine.Gradient(split, seed), $"class {target}");
    }

    /// <summary>The end tensor's values (the logits, or the bound target's tensor) at the clean activation <paramref name="split"/>: the clean image's row.</summary>
    public float[] Row(float[] split) => _engine.Forward(split);

    /// <summary>A bound target's score at the clean activation <paramref name="split"/> (whose row is <paramref name="row"/>) and its gradient there.</summary>
    public (double Value, float[] Gradient) Expand(float[] split, float[] row, TargetReading reading)
    {
        var seed = new float[row.Length];
        reading.Seed(row, seed);
        return Checked(reading.Score(row), _engine.Gradient(split, seed), reading.Label);
    }

    /// <summary>The probability of log-odds <paramref name="logOdds"/>.</summary>
    public static double Probability(double logOdds) => 1 / (1 + Math.Exp(-logOdds));

    /// <summary>Σ gradient·(patch − clean) over one window's region of the split tensor.</summary>
    public static double Change(float[] gradient, Region clean, ReadOnlySpan<float> patch, Interval rows, Interval columns)
    {
        var width = columns.Length;
        Span<float> difference = width <= 1024 ? stackalloc float[width] : new float[width];
        var sum = 0.0;
        var i = 0;
        for (var c = 0; c < clean.Channels; c++)
        {
            for (var y = rows.Lo; y <= rows.Hi; y++, i += width)
            {
                // The difference first: the patch and the clean values are close, and their dot products would cancel.
                var offset = (((c * clean.Height) + y) * clean.Width) + columns.Lo;
                TensorPrimitives.Subtract(patch.Slice(i, width), clean.Values.AsSpan(offset, width), difference);
                sum += TensorPrimitives.Dot(gradient.AsSpan(offset, width), difference);
            }
        }

        return sum;
    }

    public void Dispose() => _engine.Dispose();

    private (double, float[]) Checked(double value, float[] gradient, string target)
    {
        if (!double.IsFinite(value) || NonFinite.IndexIn(gradient) is >= 0)
        {
            throw new ModelOutputException(
                $"'{_source}' produced a non-finite score or gradient for {target} (first-order occlusion). " +
                "Check the input spec and the model's weights, or compute the map without FirstOrder.");
        }

        return (value, gradient);
    }
}
