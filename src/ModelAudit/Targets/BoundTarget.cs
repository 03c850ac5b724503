using ModelAudit.Models;

namespace ModelAudit.Targets;

/// <summary>
/// A target checked against one model: the tensor it reads (an output, or the logits before a final Softmax), that
/// tensor's per-image shape, and how it reads one image.
/// </summary>
internal abstract class BoundTarget(AuditModel model, string tensor)
{
    public AuditModel Model { get; } = model;

    /// <summary>The tensor whose per-image values (its "row") the target reads; gradients start there.</summary>
    public string Tensor { get; } = tensor;

    /// <summary>The per-image shape of <see cref="Tensor"/>.</summary>
    public IReadOnlyList<int> Shape { get; } = model.ShapeOf(tensor);

    public int RowLength => Shape.Aggregate(1, (a, b) => a * b);

    /// <summary>True when the target is linear in its row: its seed does not depend on the row, so no forward pass is needed for it.</summary>
    public abstract bool IsLinear { get; }

    /// <summary>True when reading an image needs its clean row (to pick the predicted class, or decode the text).</summary>
    public abstract bool NeedsCleanRow { get; }

    /// <summary>Fixes what the target means on one image: from its clean row when <see cref="NeedsCleanRow"/>, else from <paramref name="image"/> alone.</summary>
    public abstract TargetReading Read(ReadOnlySpan<float> clean, TargetImage image);
}

/// <summary>A target fixed on one image: scores any row of that image (clean or changed) and gives the score's gradient.</summary>
internal abstract class TargetReading
{
    /// <summary>How reports name what is scored on this image, e.g. "class 3" or "text 'HELLO'".</summary>
    public abstract string Label { get; }

    /// <summary>The class scored, or −1 when the target is not a class.</summary>
    public virtual int Class => -1;

    /// <summary>The score of one row.</summary>
    public abstract double Score(ReadOnlySpan<float> row);

    /// <summary>∂score/∂row at <paramref name="row"/>, written into <paramref name="seed"/> (a row's length).</summary>
    public abstract void Seed(ReadOnlySpan<float> row, Span<float> seed);
}
