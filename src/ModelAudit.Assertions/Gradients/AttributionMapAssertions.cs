using System.Globalization;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using ModelAudit.Gradients;
using ModelAudit.Imaging;

namespace ModelAudit.Assertions.Gradients;

/// <summary>Assertions over an <see cref="AttributionMap"/> (saliency, Grad-CAM, integrated gradients, SmoothGrad).</summary>
public sealed class AttributionMapAssertions(AttributionMap subject) : ReferenceTypeAssertions<AttributionMap, AttributionMapAssertions>(subject)
{
    protected override string Identifier => "map";

    /// <summary>Fails when less than <paramref name="atLeast"/> of the map's positive mass lies inside <paramref name="box"/>.</summary>
    public AndConstraint<AttributionMapAssertions> PutMassInside(PixelBox box, double atLeast, string because = "", params object[] becauseArgs)
    {
        var mass = AttributionMetrics.MassInside(Subject, box);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(mass >= atLeast)
            .FailWith("Expected {context:map} ({0}) to put at least {1} of its mass inside box {2}{reason}, but found {3} (peak at {4}).",
                new Raw(Subject.Method), new Raw(Percent(atLeast)), new Raw(box.ToString()), new Raw(Percent(mass)), new Raw($"{Subject.Peak.X},{Subject.Peak.Y}"));
        return new AndConstraint<AttributionMapAssertions>(this);
    }

    /// <summary>Fails when more than <paramref name="atMost"/> of the map's positive mass lies inside <paramref name="box"/>.</summary>
    public AndConstraint<AttributionMapAssertions> PutLittleMassInside(PixelBox box, double atMost, string because = "", params object[] becauseArgs)
    {
        var mass = AttributionMetrics.MassInside(Subject, box);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(mass <= atMost)
            .FailWith("Expected {context:map} ({0}) to put at most {1} of its mass inside box {2}{reason}, but found {3} (peak at {4}).",
                new Raw(Subject.Method), new Raw(Percent(atMost)), new Raw(box.ToString()), new Raw(Percent(mass)), new Raw($"{Subject.Peak.X},{Subject.Peak.Y}"));
        return new AndConstraint<AttributionMapAssertions>(this);
    }

    /// <summary>The pointing game: fails when the map's peak lies outside <paramref name="box"/>.</summary>
    public AndConstraint<AttributionMapAssertions> PeakInside(PixelBox box, string because = "", params object[] becauseArgs)
    {
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(AttributionMetrics.PointingGameHit(Subject, box))
            .FailWith("Expected {context:map} ({0}) to peak inside box {1}{reason}, but its peak is at {2} ({3} of its mass inside the box).",
                new Raw(Subject.Method), new Raw(box.ToString()), new Raw($"{Subject.Peak.X},{Subject.Peak.Y}"), new Raw(Percent(AttributionMetrics.MassInside(Subject, box))));
        return new AndConstraint<AttributionMapAssertions>(this);
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
