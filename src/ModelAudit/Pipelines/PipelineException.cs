namespace ModelAudit.Pipelines;

/// <summary>
/// An ML.NET pipeline ModelAudit cannot audit as it is: a step it cannot mirror exactly, or a derived spec that does
/// not reproduce the pipeline's scores. The message names the step (or the image and value) and what to change.
/// </summary>
public sealed class PipelineException : ModelAuditException
{
    public PipelineException(string message)
        : base(message)
    {
    }

    public PipelineException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public PipelineException()
    {
    }
}
