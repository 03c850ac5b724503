using System.Globalization;
using ModelAudit.Models;

namespace ModelAudit.Targets;

/// <summary>
/// A CTC text recogniser's evidence for a string: log P(text | image), summed over every alignment of the text to the
/// output's time steps (the CTC likelihood, Graves et al. 2006). The text is each image's <see cref="TargetImage.Text"/>
/// when it has one, else the greedy decoding of its clean output (the top class per step, repeats merged, blanks dropped).
/// Reads per-image outputs [T, classes]: logits, log-probabilities, or probabilities from a final Softmax (whose input
/// is read instead), as PaddleOCR's recogniser gives them.
/// </summary>
public sealed record SequenceTarget : Target
{
    private readonly IReadOnlyList<string> _alphabet = [];
    private Dictionary<string, int>? _indices;

    /// <summary>
    /// The characters of the classes other than the blank, in class order: with <see cref="Blank"/> 0, class k is
    /// <c>Alphabet[k − 1]</c>.
    /// </summary>
    public required IReadOnlyList<string> Alphabet
    {
        get => _alphabet;
        init
        {
            _alphabet = value.ToArray();
            _indices = null;
        }
    }

    /// <summary>The blank class. Default 0.</summary>
    public int Blank { get; init; }

    /// <summary>
    /// An alphabet read from a charset file with one character per line (PaddleOCR's <c>ppocr_keys_v1.txt</c>); with
    /// <paramref name="appendSpace"/> a space follows the file's characters, as PaddleOCR's recognisers expect.
    /// </summary>
    public static SequenceTarget FromCharsetFile(string path, bool appendSpace = true)
    {
        if (!File.Exists(path))
        {
            throw new TargetException($"Charset file '{path}' does not exist.");
        }

        var lines = File.ReadAllLines(path).Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.FindIndex(l => l.Length == 0) is var empty and >= 0)
        {
            throw new TargetException($"Charset file '{path}', line {empty + 1}: the line is empty; each line holds one character.");
        }

        return new SequenceTarget { Alphabet = appendSpace ? [.. lines, " "] : lines };
    }

    public override string Describe() => "log-probability of the text (CTC)";

    /// <summary>The classes of <paramref name="text"/>, one per character.</summary>
    public int[] Encode(string text)
    {
        _indices ??= Alphabet.Select((c, i) => (c, i)).GroupBy(p => p.c).ToDictionary(g => g.Key, g => ClassOf(g.First().i), StringComparer.Ordinal);
        var classes = new List<int>();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            classes.Add(_indices.TryGetValue(element, out var k)
                ? k
                : throw new TargetException($"The text '{text}' has the character '{element}' (U+{char.ConvertToUtf32(element, 0):X4}), which is not in the recogniser's alphabet."));
        }

        return [.. classes];
    }

    /// <summary>The text of a class sequence: blanks dropped, characters joined.</summary>
    public string Decode(IEnumerable<int> classes) => string.Concat(classes.Where(k => k != Blank).Select(k => Alphabet[k < Blank ? k : k - 1]));

    internal override BoundTarget Bind(AuditModel model)
    {
        var output = OutputOf(model);
        var bound = new Bound(model, LogitsOf(model, output), this);
        if (bound.Shape.Count != 2)
        {
            throw new TargetException(
                $"'{model.Source}': a sequence target reads [T, classes] per image, but '{bound.Tensor}' has per-image shape [{string.Join(",", bound.Shape)}].");
        }

        if (bound.Shape[1] != Alphabet.Count + 1 || Blank < 0 || Blank > Alphabet.Count)
        {
            throw new TargetException(
                $"'{model.Source}': '{bound.Tensor}' has {bound.Shape[1]} classes per step, but the alphabet has {Alphabet.Count} characters and a blank ({Alphabet.Count + 1}). " +
                "Check the charset file (and whether a space follows it).");
        }

        return bound;
    }

    private int ClassOf(int alphabetIndex) => alphabetIndex < Blank ? alphabetIndex : alphabetIndex + 1;

    private sealed class Bound(AuditModel model, string tensor, SequenceTarget target) : BoundTarget(model, tensor)
    {
        public override bool IsLinear => false;

        public override bool NeedsCleanRow => true;

        public override TargetReading Read(ReadOnlySpan<float> clean, TargetImage image)
        {
            var (steps, classes) = (Shape[0], Shape[1]);
            var labels = image.Text is { } text ? target.Encode(text) : Ctc.GreedyPath(clean, steps, classes, target.Blank);
            var decoded = target.Decode(labels);
            if (Ctc.MinimumSteps(labels) > steps)
            {
                throw new TargetException($"The text '{decoded}' needs {Ctc.MinimumSteps(labels)} time steps, but '{Tensor}' has {steps}: use a wider input.");
            }

            return new SequenceReading(labels, steps, classes, target.Blank, decoded);
        }
    }

    private sealed class SequenceReading(int[] labels, int steps, int classes, int blank, string text) : TargetReading
    {
        public override string Label => $"text '{text}'";

        public override double Score(ReadOnlySpan<float> row) => Ctc.LogLikelihood(row, steps, classes, labels, blank, null);

        public override void Seed(ReadOnlySpan<float> row, Span<float> seed) => Ctc.LogLikelihood(row, steps, classes, labels, blank, seed);
    }
}
