namespace ModelAudit.Gradients;

/// <summary>A backward graph cannot be derived: an operator without an adjoint rule, or a target that does not depend on the input.</summary>
public sealed class GradientException : ModelAuditException
{
    public GradientException(string message)
        : base(message)
    {
    }

    public GradientException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public GradientException()
    {
    }
}
