using System.Globalization;
using ModelAudit.Models;

namespace ModelAudit.Targets;

/// <summary>
/// A classifier's class score: the logit of one class (the input of a final Softmax when the model ends in one), for
/// one given class, each image's labelled class, or each image's top-1 class (the default).
/// </summary>
public sealed record ClassTarget : Target
{
    /// <summary>The class for every image; null for the labelled class (<see cref="FromLabel"/>) or the top-1 class.</summary>
    public int? Index { get; init; }

    /// <summary>Use each image's labelled class (an image without a label is an error).</summary>
    public bool FromLabel { get; init; }

    public override string Describe() =>
        Index is { } k ? string.Create(CultureInfo.InvariantCulture, $"class {k}") : FromLabel ? "labelled class" : "predicted class";

    internal override BoundTarget Bind(AuditModel model)
    {
        var output = OutputOf(model);
        var bound = new Bound(model, LogitsOf(model, output), this);
        if (bound.Shape.Count != 1)
        {
            throw new TargetException(
                $"'{model.Source}': a class target reads class scores [classes], but '{bound.Tensor}' has per-image shape [{string.Join(",", bound.Shape)}]. " +
                "Use a dense target for maps, a sequence target for CTC recognisers, or a custom target.");
        }

        if (Index is { } k && (k < 0 || k >= bound.Shape[0]))
        {
            throw new TargetException($"Target class {k} is out of range: '{model.Name}' has {bound.Shape[0]} classes (0..{bound.Shape[0] - 1}).");
        }

        return bound;
    }

    private sealed class Bound(AuditModel model, string tensor, ClassTarget target) : BoundTarget(model, tensor)
    {
        public override bool IsLinear => true;

        public override bool NeedsCleanRow => target.Index is null && !target.FromLabel;

        public override TargetReading Read(ReadOnlySpan<float> clean, TargetImage image)
        {
            var k = target.Index
                ?? (target.FromLabel
                    ? image.Label ?? throw new TargetException("The target is each image's labelled class, but an image has no label.")
                    : Prediction.ArgMax(clean));
            return k >= 0 && k < RowLength
                ? new ClassReading(k)
                : throw new TargetException($"Labelled class {k} is out of range: '{Model.Name}' has {RowLength} classes (0..{RowLength - 1}).");
        }
    }

    private sealed class ClassReading(int k) : TargetReading
    {
        public override string Label => string.Create(CultureInfo.InvariantCulture, $"class {k}");

        public override int Class => k;

        public override double Score(ReadOnlySpan<float> row) => row[k];

        public override void Seed(ReadOnlySpan<float> row, Span<float> seed)
        {
            seed.Clear();
            seed[k] = 1;
        }
    }
}
