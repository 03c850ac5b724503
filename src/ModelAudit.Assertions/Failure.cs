using FluentAssertions.Execution;

namespace ModelAudit.Assertions;

/// <summary>
/// The one grammar of every ModelAudit failure message:
/// <c>Expected {subject} to {expectation}{reason}, but found {measured} ({diagnostics}).</c>
/// The subject starts with a <c>{context:…}</c> identifier so an <see cref="AssertionScope"/> can rename it; all other
/// text goes in as <see cref="Raw"/> arguments, so braces in layer or class names cannot be mistaken for placeholders.
/// </summary>
internal static class Failure
{
    /// <summary>Fails with "… but found &lt;null&gt;." and returns false when there is no subject to measure.</summary>
    public static bool NotNull(object? subject, string identifier, string expectation, string because, object[] becauseArgs) =>
        Unless(subject is not null, identifier, string.Empty, expectation, static () => "<null>", because, becauseArgs);

    /// <summary>
    /// Fails unless <paramref name="condition"/> holds. <paramref name="subject"/> follows the identifier (e.g.
    /// " of class 2"); <paramref name="found"/> is the measurement with its diagnostics, built only on failure.
    /// </summary>
    public static bool Unless(bool condition, string identifier, string subject, string expectation, Func<string> found, string because, object[] becauseArgs) =>
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(condition)
            .FailWith(() => new FailReason(
                "Expected {context:" + identifier + "}{0} to {1}{reason}, but found {2}.",
                new Raw(subject), new Raw(expectation), new Raw(found())));
}
