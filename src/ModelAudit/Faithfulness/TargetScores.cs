using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Faithfulness;

/// <summary>Writes input <paramref name="index"/> of a run into <paramref name="destination"/> (one C·H·W tensor).</summary>
internal delegate void InputWriter(int index, Span<float> destination);

/// <summary>
/// The number the faithfulness audits watch on each image: a class target's probability (the softmax of its logits,
/// bounded and comparable across images), any other target's own score. The target is fixed on the clean image (its
/// top-1 class, its label, its text) and kept for every perturbed copy of that image. Every input is counted.
/// </summary>
internal sealed class TargetScores
{
    /// <summary>Input tensors built per chunk: 32 MB, e.g. 682 inputs of 3×64×64 or 55 of 3×224×224.</summary>
    private const int ChunkFloats = 1 << 23;

    private readonly AuditModel _model;
    private readonly BoundTarget _bound;
    private readonly TargetReading[] _readings;
    private readonly bool _probability;
    private readonly double[] _clean;
    private int _forwardPasses;

    /// <summary>Binds <paramref name="target"/> (each image's top-1 class when null) and scores the clean inputs, one forward pass each.</summary>
    public TargetScores(AuditModel model, Target? target, IReadOnlyList<Perturber> images, IReadOnlyList<TargetImage> about)
    {
        model.ThrowIfDisposed();
        var t = target ?? Target.Predicted;
        (_model, _bound, _probability) = (model, model.Bind(t), t is ClassTarget);
        ScoreName = _probability ? "probability" : t.Describe();
        _readings = new TargetReading[images.Count];
        _clean = new double[images.Count];
        Run(images.Count, (i, destination) => images[i].Clean.CopyTo(destination), (i, row) =>
        {
            _readings[i] = _bound.Read(row, about[i]);
            _clean[i] = Of(_readings[i], row);
        });
    }

    /// <summary>"probability" for class targets, else the target's own description.</summary>
    public string ScoreName { get; }

    /// <summary>Each image's score, unperturbed.</summary>
    public IReadOnlyList<double> Clean => _clean;

    /// <summary>What was scored on each image, e.g. "class 2".</summary>
    public IEnumerable<string> Labels => _readings.Select(r => r.Label);

    /// <summary>The class scored on each image, or −1 when the target is not a class.</summary>
    public IEnumerable<int> Classes => _readings.Select(r => r.Class);

    /// <summary>Inputs run so far, the clean ones included.</summary>
    public int ForwardPasses => _forwardPasses;

    /// <summary>Scores <paramref name="count"/> inputs, input k being a perturbed copy of image <paramref name="imageOf"/>(k).</summary>
    public double[] Score(int count, Func<int, int> imageOf, InputWriter write)
    {
        var scores = new double[count];
        Run(count, write, (k, row) => scores[k] = Of(_readings[imageOf(k)], row));
        return scores;
    }

    private void Run(int count, InputWriter write, RowReader read)
    {
        var length = _model.Spec.TensorLength;
        var chunk = Math.Max(1, Math.Min(count, Math.Max(ChunkFloats / length, _model.BatchSize)));
        var buffer = new float[chunk * length];
        for (var start = 0; start < count; start += chunk)
        {
            var n = Math.Min(chunk, count - start);
            var first = start;
            Parallel.For(0, n, j => write(first + j, buffer.AsSpan(j * length, length)));
            var result = _model.Run(buffer.AsSpan(0, n * length), n, [_bound.Tensor]);
            var rows = result.Data[result.IndexOf(_bound.Tensor)];
            var rowLength = _bound.RowLength;
            for (var j = 0; j < n; j++)
            {
                read(start + j, rows.AsSpan(j * rowLength, rowLength));
            }

            _forwardPasses += n;
        }
    }

    private double Of(TargetReading reading, ReadOnlySpan<float> row) =>
        _probability ? Probability(row, reading.Class) : reading.Score(row);

    private static double Probability(ReadOnlySpan<float> logits, int k)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, z);
        }

        double sum = 0;
        foreach (var z in logits)
        {
            sum += Math.Exp(z - max);
        }

        return Math.Exp(logits[k] - max) / sum;
    }

    private delegate void RowReader(int index, ReadOnlySpan<float> row);
}
