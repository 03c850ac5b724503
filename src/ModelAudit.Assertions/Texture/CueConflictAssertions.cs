using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Texture;

namespace ModelAudit.Assertions.Texture;

/// <summary>Assertions over a <see cref="CueConflictResult"/> (Geirhos et al.'s cue-conflict test).</summary>
public sealed class CueConflictAssertions(CueConflictResult subject)
    : ReferenceTypeAssertions<CueConflictResult, CueConflictAssertions>(subject)
{
    protected override string Identifier => "model";

    /// <summary>
    /// Fails unless the shape bias — shape / (shape + texture) decisions on the cue-conflict images — is at least
    /// <paramref name="minShapeBias"/>, or — since a gate never passes what it did not measure — when fewer than half
    /// of the images were classified as their shape's or their texture's class.
    /// </summary>
    public AndConstraint<CueConflictAssertions> FollowTheShape(double minShapeBias = 0.5, string because = "", params object[] becauseArgs)
    {
        Guard.Fraction(minShapeBias, nameof(minShapeBias));
        var expectation = Numbers.Invariant($"follow the shape over the texture (shape bias >= {minShapeBias:0.00})");
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var decided = Subject.ShapeDecisions + Subject.TextureDecisions;
            Failure.Unless(Subject.IsConclusive && Subject.ShapeBias >= minShapeBias, Identifier, " on cue-conflict images", expectation,
                () => Subject.IsConclusive
                    ? Numbers.Invariant($"a shape bias of {Subject.ShapeBias:0.00} ({Subject})")
                    : Numbers.Invariant($"only {decided} of {Subject.Pairs.Count} images classified as their shape's or their texture's class, too few to weigh the cues ({Subject})"),
                because, becauseArgs);
        }

        return new AndConstraint<CueConflictAssertions>(this);
    }
}
