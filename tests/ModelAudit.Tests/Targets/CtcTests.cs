using ModelAudit.Targets;

namespace ModelAudit.Tests.Targets;

/// <summary>The CTC likelihood and its gradient against brute force: every path of a tiny output, collapsed by hand.</summary>
public sealed class CtcTests
{
    private const int Steps = 5;
    private const int Classes = 3;

    private static float[] Logits(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Steps * Classes).Select(_ => (float)((random.NextDouble() * 4) - 2))];
    }

    /// <summary>log Σ over all K^T paths that collapse (merge repeats, drop blanks) to <paramref name="labels"/>.</summary>
    private static double BruteForce(float[] logits, int[] labels, int blank)
    {
        var total = 0.0;
        var paths = (int)Math.Pow(Classes, Steps);
        for (var code = 0; code < paths; code++)
        {
            var path = new int[Steps];
            var c = code;
            for (var t = 0; t < Steps; t++)
            {
                path[t] = c % Classes;
                c /= Classes;
            }

            var collapsed = path.Where((k, t) => k != blank && (t == 0 || path[t - 1] != k)).ToArray();
            if (!collapsed.SequenceEqual(labels))
            {
                continue;
            }

            var p = 1.0;
            for (var t = 0; t < Steps; t++)
            {
                var row = logits.AsSpan(t * Classes, Classes).ToArray();
                var sum = row.Sum(v => Math.Exp(v));
                p *= Math.Exp(row[path[t]]) / sum;
            }

            total += p;
        }

        return Math.Log(total);
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, 0)]
    [InlineData(new[] { 1, 1 }, 0)]
    [InlineData(new[] { 2, 1, 2 }, 0)]
    [InlineData(new int[0], 0)]
    [InlineData(new[] { 0, 2 }, 1)]
    public void LogLikelihood_TinyOutput_EqualsTheSumOverAllPaths(int[] labels, int blank)
    {
        var logits = Logits(7);

        var logP = Ctc.LogLikelihood(logits, Steps, Classes, labels, blank, default);

        logP.Should().BeApproximately(BruteForce(logits, labels, blank), 1e-9);
    }

    [Theory]
    [InlineData(new[] { 1, 2 })]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 2 })]
    public void Gradient_TinyOutput_MatchesCentralDifferences(int[] labels)
    {
        var logits = Logits(11);
        var gradient = new float[logits.Length];

        Ctc.LogLikelihood(logits, Steps, Classes, labels, 0, gradient);

        const float h = 1e-2f;
        for (var i = 0; i < logits.Length; i++)
        {
            var plus = (float[])logits.Clone();
            var minus = (float[])logits.Clone();
            plus[i] += h;
            minus[i] -= h;
            var numeric = (BruteForce(plus, labels, 0) - BruteForce(minus, labels, 0)) / (2 * h);
            ((double)gradient[i]).Should().BeApproximately(numeric, 1e-4, $"logit {i}");
        }
    }

    [Fact]
    public void GreedyPath_MergesRepeatsAndDropsBlanks()
    {
        // Per step top classes: 1 1 0 1 2 → labels 1, 1, 2.
        int[] top = [1, 1, 0, 1, 2];
        var logits = new float[Steps * Classes];
        for (var t = 0; t < Steps; t++)
        {
            logits[(t * Classes) + top[t]] = 5;
        }

        Ctc.GreedyPath(logits, Steps, Classes, 0).Should().Equal(1, 1, 2);
        Ctc.MinimumSteps([1, 1, 2]).Should().Be(4);
    }

    [Fact]
    public void SequenceTarget_EncodeDecode_RoundTripsAndNamesUnknownCharacters()
    {
        var target = new SequenceTarget { Alphabet = ["a", "b", " "] };

        target.Encode("ab a").Should().Equal(1, 2, 3, 1);
        target.Decode([1, 0, 2, 3]).Should().Be("ab ");
        FluentActions.Invoking(() => target.Encode("abc")).Should().Throw<TargetException>().WithMessage("*'c' (U+0063)*not in the recogniser's alphabet*");
    }

    [Fact]
    public void FromCharsetFile_EmptyLine_IsAnErrorNamingTheLine()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, ["a", "", "b"]);
        try
        {
            FluentActions.Invoking(() => SequenceTarget.FromCharsetFile(path)).Should().Throw<TargetException>().WithMessage("*line 2*empty*");
            File.WriteAllLines(path, ["a", "b"]);
            SequenceTarget.FromCharsetFile(path).Alphabet.Should().Equal("a", "b", " ");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
