using FluentAssertions;
using FluentAssertions.Primitives;
using ModelAudit.Shortcuts;

namespace ModelAudit.Assertions.Shortcuts;

/// <summary>Assertions over a <see cref="ShortcutScanResult"/> (the box-free shortcut scan).</summary>
public sealed class ShortcutScanAssertions(ShortcutScanResult subject)
    : ReferenceTypeAssertions<ShortcutScanResult, ShortcutScanAssertions>(subject)
{
    protected override string Identifier => "model";

    /// <summary>
    /// Fails when any class was found reading a shortcut, or — since a gate never passes what it did not measure —
    /// when any class could not be judged (too few maps, no correct prediction).
    /// </summary>
    public AndConstraint<ShortcutScanAssertions> ReadNoShortcut(string because = "", params object[] becauseArgs)
    {
        const string Expectation = "read no shortcut in any class";
        if (Failure.NotNull(Subject, Identifier, Expectation, because, becauseArgs))
        {
            var bad = Subject.Classes.Where(c => c.Finding != ShortcutFinding.Clear).ToArray();
            Failure.Unless(bad.Length == 0, Identifier, $" by its {Subject.Method} maps", Expectation,
                () => $"{string.Join("; ", bad.Select(c => $"{c.Name} {Describe(c.Finding)} ({c.Reason})"))}",
                because, becauseArgs);
        }

        return new AndConstraint<ShortcutScanAssertions>(this);
    }

    /// <summary>Fails unless the class labelled <paramref name="label"/> was found reading a shortcut.</summary>
    public AndConstraint<ShortcutScanAssertions> ReadAShortcutIn(int label, string because = "", params object[] becauseArgs)
    {
        var expectation = Numbers.Invariant($"read a shortcut in class {label}");
        if (Failure.NotNull(Subject, Identifier, expectation, because, becauseArgs))
        {
            var found = Subject.Classes.FirstOrDefault(c => c.Label == label);
            Failure.Unless(found?.Finding == ShortcutFinding.Shortcut, Identifier, $" by its {Subject.Method} maps", expectation,
                () => found is null ? "no image of that class" : $"{found.Name} {Describe(found.Finding)} ({found.Reason})",
                because, becauseArgs);
        }

        return new AndConstraint<ShortcutScanAssertions>(this);
    }

    private static string Describe(ShortcutFinding finding) => finding switch
    {
        ShortcutFinding.Shortcut => "reads a shortcut",
        ShortcutFinding.Inconclusive => "could not be judged",
        _ => "is clear",
    };
}
