using System.Globalization;

namespace ModelAudit.Auditing;

/// <summary>What a progress report says about its stage.</summary>
public enum AuditProgressKind
{
    /// <summary>The stage began; nothing is counted yet.</summary>
    Started,

    /// <summary>The stage did more of its work: <see cref="AuditProgress.Done"/> of <see cref="AuditProgress.Total"/>.</summary>
    Advanced,

    /// <summary>The stage ended; <see cref="AuditProgress.Elapsed"/> is its wall time.</summary>
    Finished,
}

/// <summary>
/// What a run is doing, for a progress display: one stage (<c>load</c>, an audit's name, <c>report</c>) started,
/// advanced or finished, with its counts in the stage's own unit (windows, images, methods), the time since it began
/// and the model passes so far in the stage.
/// </summary>
/// <param name="Stage">The stage.</param>
/// <param name="Kind">Started, advanced or finished.</param>
/// <param name="Done">Units done so far in the stage.</param>
/// <param name="Total">Units the stage will do; 0 when not known yet.</param>
/// <param name="Unit">What is counted, e.g. <c>windows</c>; empty until the stage says.</param>
/// <param name="Elapsed">Wall time since the stage began.</param>
/// <param name="ForwardPasses">Images run forward through the model since the stage began.</param>
/// <param name="BackwardPasses">Images run through a gradient session since the stage began.</param>
public sealed record AuditProgress(string Stage, AuditProgressKind Kind, long Done, long Total, string Unit, TimeSpan Elapsed, long ForwardPasses, long BackwardPasses)
{
    /// <summary>Units per second so far; 0 before the first unit.</summary>
    public double Rate => Elapsed > TimeSpan.Zero ? Done / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at the rate so far, when the total is known and some work is done.</summary>
    public TimeSpan? Remaining => Total > 0 && Done > 0 && Done < Total && Elapsed > TimeSpan.Zero
        ? TimeSpan.FromSeconds(Elapsed.TotalSeconds * (Total - Done) / Done)
        : null;

    /// <summary>One line, e.g. <c>occlusion: 800/1584 windows, 78.1/s, about 10 s left, 8.2 s, 816 forward passes</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Kind == AuditProgressKind.Started)
        {
            parts.Add("started");
        }
        else
        {
            if (Total > 0 || Done > 0)
            {
                parts.Add(Total > 0 ? $"{Done}/{Total} {Unit}" : $"{Done} {Unit}");
            }

            if (Kind == AuditProgressKind.Advanced && Done > 0 && Elapsed > TimeSpan.Zero)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Rate:0.#}/s"));
            }

            if (Remaining is { } left)
            {
                parts.Add($"about {Seconds(left)} left");
            }

            parts.Add(Kind == AuditProgressKind.Finished ? $"done in {Seconds(Elapsed)}" : Seconds(Elapsed));
            if (ForwardPasses > 0 || BackwardPasses > 0)
            {
                parts.Add(BackwardPasses > 0 ? $"{ForwardPasses} forward and {BackwardPasses} backward passes" : $"{ForwardPasses} forward passes");
            }
        }

        return $"{Stage}: {string.Join(", ", parts)}";
    }

    /// <summary>A duration as the progress lines print it: <c>4.2 s</c>, <c>3 min 05 s</c>.</summary>
    public static string Seconds(TimeSpan time) => time.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalMinutes} min {time.Seconds:00} s");
}
