namespace ModelAudit.Targets;

/// <summary>
/// Connectionist temporal classification (Graves et al. 2006) over per-step logits [T, K]: the log-likelihood of a
/// label sequence summed over its alignments, its gradient with respect to the logits, and greedy decoding.
/// </summary>
internal static class Ctc
{
    /// <summary>The labels of the best path: each step's top class, repeats merged, blanks dropped.</summary>
    public static int[] GreedyPath(ReadOnlySpan<float> logits, int steps, int classes, int blank)
    {
        var labels = new List<int>();
        var previous = blank;
        for (var t = 0; t < steps; t++)
        {
            var row = logits.Slice(t * classes, classes);
            var best = 0;
            for (var k = 1; k < classes; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            if (best != blank && best != previous)
            {
                labels.Add(best);
            }

            previous = best;
        }

        return [.. labels];
    }

    /// <summary>The fewest steps an alignment of <paramref name="labels"/> needs: one per label, plus a blank between equal neighbours.</summary>
    public static int MinimumSteps(int[] labels) => labels.Length + labels.Skip(1).Where((l, i) => l == labels[i]).Count();

    /// <summary>
    /// log P(labels | logits), with the per-step distribution softmax(logits[t]). When <paramref name="gradient"/> is
    /// given it receives ∂ log P / ∂ logits[t, k] = γ_t(k) − softmax(logits[t])_k, where γ_t(k) is the posterior share of
    /// the alignments that emit k at step t.
    /// </summary>
    public static double LogLikelihood(ReadOnlySpan<float> logits, int steps, int classes, int[] labels, int blank, Span<float> gradient)
    {
        // Log-probabilities per step.
        var lp = new double[steps * classes];
        for (var t = 0; t < steps; t++)
        {
            var row = logits.Slice(t * classes, classes);
            var max = double.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            var sum = 0.0;
            foreach (var v in row)
            {
                sum += Math.Exp(v - max);
            }

            var log = max + Math.Log(sum);
            for (var k = 0; k < classes; k++)
            {
                lp[(t * classes) + k] = row[k] - log;
            }
        }

        // The extended sequence: blank, l1, blank, l2, ..., blank.
        var s = (2 * labels.Length) + 1;
        int Symbol(int i) => i % 2 == 0 ? blank : labels[i / 2];
        bool CanSkip(int i) => i % 2 == 1 && i >= 2 && labels[i / 2] != labels[(i / 2) - 1];

        // α_t(i): log-probability of the prefixes that reach i at step t, emissions up to t included.
        var alpha = new double[steps * s];
        Array.Fill(alpha, double.NegativeInfinity);
        alpha[0] = lp[Symbol(0)];
        if (s > 1)
        {
            alpha[1] = lp[Symbol(1)];
        }

        for (var t = 1; t < steps; t++)
        {
            for (var i = 0; i < s; i++)
            {
                var a = alpha[((t - 1) * s) + i];
                if (i >= 1)
                {
                    a = LogAdd(a, alpha[((t - 1) * s) + i - 1]);
                }

                if (CanSkip(i))
                {
                    a = LogAdd(a, alpha[((t - 1) * s) + i - 2]);
                }

                alpha[(t * s) + i] = a + lp[(t * classes) + Symbol(i)];
            }
        }

        var last = (steps - 1) * s;
        var logP = s > 1 ? LogAdd(alpha[last + s - 1], alpha[last + s - 2]) : alpha[last];
        if (gradient.IsEmpty)
        {
            return logP;
        }

        // β_t(i): log-probability of the suffixes from step t+1 given i at step t (emission at t excluded).
        var beta = new double[steps * s];
        Array.Fill(beta, double.NegativeInfinity);
        beta[last + s - 1] = 0;
        if (s > 1)
        {
            beta[last + s - 2] = 0;
        }

        for (var t = steps - 2; t >= 0; t--)
        {
            for (var i = 0; i < s; i++)
            {
                var next = (t + 1) * s;
                var b = beta[next + i] + lp[((t + 1) * classes) + Symbol(i)];
                if (i + 1 < s)
                {
                    b = LogAdd(b, beta[next + i + 1] + lp[((t + 1) * classes) + Symbol(i + 1)]);
                }

                if (i + 2 < s && CanSkip(i + 2))
                {
                    b = LogAdd(b, beta[next + i + 2] + lp[((t + 1) * classes) + Symbol(i + 2)]);
                }

                beta[(t * s) + i] = b;
            }
        }

        var g = new double[classes];
        for (var t = 0; t < steps; t++)
        {
            for (var k = 0; k < classes; k++)
            {
                g[k] = -Math.Exp(lp[(t * classes) + k]);
            }

            for (var i = 0; i < s; i++)
            {
                var occupancy = alpha[(t * s) + i] + beta[(t * s) + i] - logP;
                if (occupancy > double.NegativeInfinity)
                {
                    g[Symbol(i)] += Math.Exp(occupancy);
                }
            }

            for (var k = 0; k < classes; k++)
            {
                gradient[(t * classes) + k] = (float)g[k];
            }
        }

        return logP;
    }

    private static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
