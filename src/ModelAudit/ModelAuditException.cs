namespace ModelAudit;

/// <summary>
/// The base of every error ModelAudit raises on purpose. Messages say what is wrong,
/// with which file or value, and how to fix it.
/// </summary>
public class ModelAuditException : Exception
{
    public ModelAuditException(string message)
        : base(message)
    {
    }

    public ModelAuditException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ModelAuditException()
    {
    }
}

/// <summary>An ONNX file that cannot be used: unreadable, not ONNX, or not an image model.</summary>
public sealed class InvalidModelException : ModelAuditException
{
    public InvalidModelException(string message)
        : base(message)
    {
    }

    public InvalidModelException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public InvalidModelException()
    {
    }
}

/// <summary>An image file or buffer that cannot be decoded, or has an unusable size.</summary>
public sealed class InvalidImageException : ModelAuditException
{
    public InvalidImageException(string message)
        : base(message)
    {
    }

    public InvalidImageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public InvalidImageException()
    {
    }
}

/// <summary>The model produced an output that cannot be audited (NaN, infinite, wrong shape).</summary>
public sealed class ModelOutputException : ModelAuditException
{
    public ModelOutputException(string message)
        : base(message)
    {
    }

    public ModelOutputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ModelOutputException()
    {
    }
}
