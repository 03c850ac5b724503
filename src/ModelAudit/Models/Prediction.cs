namespace ModelAudit.Models;

/// <summary>
/// What the model says about one image: class probabilities, logits when the model emits them, and any taps. The
/// first output is always among the taps, under its name, with its shape: for a model that is not a classifier (a map,
/// a sequence) read it there — its "probabilities" are a softmax over all its values, which means nothing.
/// </summary>
public sealed record Prediction
{
    internal Prediction(float[] probabilities, float[]? logits, IReadOnlyDictionary<string, TensorValue> taps)
    {
        Probabilities = probabilities;
        Logits = logits;
        Taps = taps;
        Top1 = ArgMax(probabilities.AsSpan());
    }

    public IReadOnlyList<float> Probabilities { get; }

    /// <summary>The raw scores, when the model ends before its Softmax; null when it outputs probabilities.</summary>
    public IReadOnlyList<float>? Logits { get; }

    public int Top1 { get; }

    public float Confidence => Probabilities[Top1];

    /// <summary>Intermediate tensors asked for by name.</summary>
    public IReadOnlyDictionary<string, TensorValue> Taps { get; }

    public TensorValue Tap(string name) => Taps.TryGetValue(name, out var t)
        ? t
        : throw new KeyNotFoundException($"Tensor '{name}' was not tapped; pass it in the taps list. Tapped: {string.Join(", ", Taps.Keys)}.");

    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
