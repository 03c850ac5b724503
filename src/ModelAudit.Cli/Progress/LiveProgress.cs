using System.Globalization;
using ModelAudit.Auditing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ModelAudit.Cli.Progress;

/// <summary>A live Spectre.Console display on a terminal: one row per stage with a bar, its counts, rate, time left and elapsed time.</summary>
internal static class LiveProgress
{
    public static T Run<T>(TextWriter error, string label, Func<IProgress<AuditProgress>, T> work)
    {
        // The caller has seen a terminal; Spectre would also ask whether standard input is one, and fall back to percentages.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error), Interactive = InteractionSupport.Yes });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new CountColumn(), new RateColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .Start(context => work(new Stages(context, label)));
    }

    /// <summary>Turns a run's progress reports into display rows, one per stage.</summary>
    private sealed class Stages(ProgressContext context, string label) : IProgress<AuditProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public void Report(AuditProgress value)
        {
            if (!_tasks.TryGetValue(value.Stage, out var task))
            {
                task = _tasks[value.Stage] = context.AddTask(Markup.Escape(label.Length > 0 ? $"{label} {value.Stage}" : value.Stage), maxValue: 1);
                task.IsIndeterminate = true;
            }

            task.Tag = value.Unit;
            if (value.Total > 0)
            {
                task.IsIndeterminate = false;
                task.MaxValue = value.Total;
                task.Value = Math.Min(value.Done, value.Total);
            }

            if (value.Kind == AuditProgressKind.Finished)
            {
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.Description = Markup.Escape($"{(label.Length > 0 ? label + " " : "")}{value.Stage}") +
                    (value.ForwardPasses + value.BackwardPasses > 0 ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $" ({value.ForwardPasses} fwd, {value.BackwardPasses} bwd passes)")) : "");
                task.StopTask();
            }
        }
    }

    /// <summary>Done and total units, e.g. <c>800/1584 windows</c>.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            task.IsIndeterminate
                ? new Text("")
                : new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0} {task.Tag}"));
    }

    /// <summary>Units per second over the last few seconds.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed && !task.IsFinished ? string.Create(CultureInfo.InvariantCulture, $"{speed:0.#}/s") : "", new Style(Color.Grey));
    }
}
