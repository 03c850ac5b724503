using ModelAudit.Models;

namespace ModelAudit.Targets;

/// <summary>One image's values of the tensor a <see cref="CustomTarget"/> reads.</summary>
/// <param name="Shape">The per-image shape.</param>
/// <param name="Values">The values, row-major.</param>
/// <param name="Image">What is known about the image.</param>
public sealed record TargetOutput(IReadOnlyList<int> Shape, float[] Values, TargetImage Image);

/// <summary>
/// A target written in C#, for outputs no built-in target reads: <see cref="Score"/> turns one image's output into a
/// number. Gradient methods also need <see cref="Gradient"/>, ∂score/∂output; without it they report the target as
/// not differentiable.
/// </summary>
/// <param name="Name">How reports name the target.</param>
/// <param name="Score">One image's score.</param>
public sealed record CustomTarget(string Name, Func<TargetOutput, double> Score) : Target
{
    /// <summary>∂score/∂output for one image (the output's length), or null when the score is not differentiable.</summary>
    public Func<TargetOutput, float[]>? Gradient { get; init; }

    public override string Describe() => Name;

    internal override BoundTarget Bind(AuditModel model) => new Bound(model, OutputOf(model).Name, this);

    private sealed class Bound(AuditModel model, string tensor, CustomTarget target) : BoundTarget(model, tensor)
    {
        public override bool IsLinear => false;

        public override bool NeedsCleanRow => false;

        public override TargetReading Read(ReadOnlySpan<float> clean, TargetImage image) => new CustomReading(target, Shape, image);
    }

    private sealed class CustomReading(CustomTarget target, IReadOnlyList<int> shape, TargetImage image) : TargetReading
    {
        public override string Label => target.Name;

        public override double Score(ReadOnlySpan<float> row) => target.Score(new TargetOutput(shape, row.ToArray(), image));

        public override void Seed(ReadOnlySpan<float> row, Span<float> seed)
        {
            var gradient = target.Gradient ?? throw new Gradients.GradientException($"Custom target '{target.Name}' has no gradient: set its Gradient to use it with gradient methods.");
            var values = gradient(new TargetOutput(shape, row.ToArray(), image));
            if (values.Length != seed.Length)
            {
                throw new TargetException($"Custom target '{target.Name}': its gradient has {values.Length} values, but the output has {seed.Length}.");
            }

            values.CopyTo(seed);
        }
    }
}
