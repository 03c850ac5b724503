using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Visualisation;

namespace ModelAudit.Texture;

/// <summary>
/// Gradient descent on the input until chosen layers' activations match reference images' by losses the caller defines
/// per layer (a Gram-matrix loss for style, a direct one for content), summed with weights. Each step runs each layer
/// forward to read the activation, computes every term's loss and its gradient with respect to that activation in C#,
/// and runs the layer's backward graph once with the weighted sum as the seed: no loss operator is added to the model.
/// Terms at the same layer share its two passes, and the images of several problems go through each layer as one batch.
/// Each image's step is normalised by its own gradient's RMS and decays to zero on a cosine.
/// </summary>
internal static class FeatureInversion
{
    /// <summary>The loss of an activation, its gradient written into the second argument.</summary>
    public delegate double ActivationLoss(ReadOnlySpan<float> activation, Span<float> gradient);

    /// <summary>
    /// <paramref name="steps"/> steps of <paramref name="stepSize"/> (a share of each channel's value range per unit-RMS
    /// gradient) on each problem's Σ weight · loss; one result per problem, in order. <paramref name="stepped"/> is told
    /// the number of steps done after each. With <paramref name="levels"/> above 1 the descent runs coarse to fine: the
    /// first of <paramref name="levels"/> equal shares of the steps moves the image only in blocks of 2^(levels − 1)
    /// pixels (the gradient averaged over each block, and the starting noise too), each later share in blocks half as
    /// wide, the last pixel by pixel — large structures settle before fine ones.
    /// </summary>
    public static InversionResult[] Run(AuditModel model, IReadOnlyList<InversionProblem> problems, int steps, double stepSize, Action<int>? stepped = null, int levels = 1)
    {
        var spec = model.Spec;
        var runner = GradientRunner.For(model);
        var layers = problems.SelectMany(p => p.Terms).Select(t => runner.Tensor(t.Layer)).Distinct(StringComparer.Ordinal).ToArray();
        var engines = layers.Select(l => runner.Engine(l, null, ReluRule.Gradient)).ToArray();
        var channels = layers.Select(l => model.ShapeOf(l)[0]).ToArray();

        // Per layer, the problems with a term there, and per problem the index of each term's layer.
        var layerOf = problems.Select(p => p.Terms.Select(t => Array.IndexOf(layers, runner.Tensor(t.Layer))).ToArray()).ToArray();
        var members = layers.Select((_, l) => Enumerable.Range(0, problems.Count).Where(p => layerOf[p].Contains(l)).ToArray()).ToArray();
        var losses = References(spec, problems, engines, channels, layerOf);
        var x = problems.Select(p => p.Start is null ? Visualisation.GradientAscent.NoisyGrey(spec, 0.1, new Random(p.Seed)) : spec.ToTensor(spec.Place(p.Start))).ToArray();
        if (levels > 1)
        {
            foreach (var (start, p) in x.Zip(problems))
            {
                if (p.Start is null)
                {
                    BlockAverage(spec, start, 1 << (levels - 1));
                }
            }
        }

        var range = Enumerable.Range(0, spec.ChannelCount).Select(c => spec.ValueRange(c).Max - spec.ValueRange(c).Min).ToArray();
        var totals = problems.Select(_ => new double[steps + 1]).ToArray();
        var first = problems.Select(p => new double[p.Terms.Count]).ToArray();
        var last = problems.Select(p => new double[p.Terms.Count]).ToArray();
        var n = spec.TensorLength;
        for (var step = 0; step <= steps; step++)
        {
            var gradients = problems.Select(_ => new float[n]).ToArray();
            for (var l = 0; l < engines.Length; l++)
            {
                var engine = engines[l];
                var length = engine.TargetLength;
                var batch = new float[members[l].Length * n];
                for (var m = 0; m < members[l].Length; m++)
                {
                    x[members[l][m]].CopyTo(batch, m * n);
                }

                var activations = engine.Run(batch, new float[members[l].Length * length], members[l].Length).Target;
                var seeds = new float[activations.Length];
                var termSeed = new float[length];
                for (var m = 0; m < members[l].Length; m++)
                {
                    var p = members[l][m];
                    var activation = activations.AsSpan(m * length, length);
                    for (var t = 0; t < problems[p].Terms.Count; t++)
                    {
                        if (layerOf[p][t] != l)
                        {
                            continue;
                        }

                        Array.Clear(termSeed);
                        var loss = losses[p][t](activation, termSeed);
                        (first[p][t], last[p][t]) = (step == 0 ? loss : first[p][t], loss);
                        totals[p][step] += problems[p].Terms[t].Weight * loss;
                        for (var i = 0; i < length; i++)
                        {
                            seeds[(m * length) + i] += (float)(problems[p].Terms[t].Weight * termSeed[i]);
                        }
                    }
                }

                if (step == steps)
                {
                    continue;
                }

                var g = engine.Run(batch, seeds, members[l].Length).Gradient;
                for (var m = 0; m < members[l].Length; m++)
                {
                    var gradient = gradients[members[l][m]];
                    for (var i = 0; i < n; i++)
                    {
                        gradient[i] += g[(m * n) + i];
                    }
                }
            }

            if (step < steps)
            {
                var rate = stepSize * 0.5 * (1 + Math.Cos(Math.PI * step / steps));
                var block = 1 << (levels - 1 - Math.Min(levels - 1, step * levels / steps));
                for (var p = 0; p < problems.Count; p++)
                {
                    if (block > 1)
                    {
                        BlockAverage(spec, gradients[p], block);
                    }

                    Descend(spec, x[p], gradients[p], rate, range);
                }

                stepped?.Invoke(step + 1);
            }
        }

        // Per term a read of the reference; per step and layer a read of the activation, and a backward pass but after the last.
        return problems.Select((p, i) =>
        {
            var used = layerOf[i].Distinct().Count();
            var passes = p.Terms.Count + ((steps + 1L) * used) + ((long)steps * used);
            return new InversionResult(InputTensor.ToImage(spec, x[i]), totals[i], first[i], last[i], passes);
        }).ToArray();
    }

    /// <summary>Each problem's term losses, built from its reference images' activations (read in one batch per layer).</summary>
    private static ActivationLoss[][] References(InputSpec spec, IReadOnlyList<InversionProblem> problems, GradientEngine[] engines, int[] channels, int[][] layerOf)
    {
        var losses = problems.Select(p => new ActivationLoss[p.Terms.Count]).ToArray();
        for (var l = 0; l < engines.Length; l++)
        {
            var at = problems.SelectMany((p, i) => p.Terms.Select((_, t) => (Problem: i, Term: t))).Where(pt => layerOf[pt.Problem][pt.Term] == l).ToArray();
            var inputs = at.SelectMany(pt => spec.ToTensor(spec.Place(problems[pt.Problem].Terms[pt.Term].Reference))).ToArray();
            var activations = engines[l].Run(inputs, new float[at.Length * engines[l].TargetLength], at.Length).Target;
            for (var k = 0; k < at.Length; k++)
            {
                var reference = activations.AsSpan(k * engines[l].TargetLength, engines[l].TargetLength).ToArray();
                losses[at[k].Problem][at[k].Term] = problems[at[k].Problem].Terms[at[k].Term].Loss(reference, channels[l]);
            }
        }

        return losses;
    }

    /// <summary>
    /// One image from seeded noise whose activations at each of <paramref name="options"/>' layers match
    /// <paramref name="reference"/>'s by <paramref name="loss"/>: the style and content reconstructions.
    /// </summary>
    public static FeatureVisualisation Reconstruct(AuditModel model, RgbImage reference, ReconstructionOptions options, string kind, Func<float[], int, ActivationLoss> loss)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var terms = options.Layers.Select(l => new InversionTerm(l, reference, 1, loss)).ToArray();
        var result = Run(model, [new InversionProblem(terms, null, options.Seed)], options.Steps, options.StepSize, levels: options.Levels)[0];
        return new FeatureVisualisation($"{kind} of {string.Join(", ", options.Layers)}", result.Image, result.Losses, model.Spec.Place(reference));
    }

    /// <summary>Replaces each channel's values in every <paramref name="block"/>×<paramref name="block"/> tile (smaller at the right and bottom edges) by their mean.</summary>
    internal static void BlockAverage(InputSpec spec, float[] values, int block)
    {
        var (width, height) = (spec.Width, spec.Height);
        for (var c = 0; c < spec.ChannelCount; c++)
        {
            var plane = values.AsSpan(c * width * height, width * height);
            for (var top = 0; top < height; top += block)
            {
                for (var left = 0; left < width; left += block)
                {
                    var (bottom, right) = (Math.Min(height, top + block), Math.Min(width, left + block));
                    var sum = 0.0;
                    for (var y = top; y < bottom; y++)
                    {
                        for (var xx = left; xx < right; xx++)
                        {
                            sum += plane[(y * width) + xx];
                        }
                    }

                    var mean = (float)(sum / ((bottom - top) * (right - left)));
                    for (var y = top; y < bottom; y++)
                    {
                        plane.Slice((y * width) + left, right - left).Fill(mean);
                    }
                }
            }
        }
    }

    private static void Descend(InputSpec spec, float[] x, float[] gradient, double rate, float[] range)
    {
        var rms = InputTensor.Rms(gradient);
        if (rms == 0)
        {
            return;
        }

        var plane = spec.Width * spec.Height;
        for (var c = 0; c < spec.ChannelCount; c++)
        {
            for (var p = c * plane; p < (c + 1) * plane; p++)
            {
                x[p] -= (float)(rate * range[c] * gradient[p] / rms);
            }
        }

        InputTensor.Clip(x, spec);
    }
}
