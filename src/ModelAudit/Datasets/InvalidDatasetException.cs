namespace ModelAudit.Datasets;

/// <summary>A dataset folder that cannot be read: a missing file, a malformed row, or labels that disagree with the images.</summary>
public sealed class InvalidDatasetException : ModelAuditException
{
    public InvalidDatasetException(string message)
        : base(message)
    {
    }

    public InvalidDatasetException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public InvalidDatasetException()
    {
    }
}
