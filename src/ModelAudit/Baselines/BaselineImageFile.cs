namespace ModelAudit.Baselines;

/// <summary>
/// One picture of a stored set: its file name in the baselines root and the SHA-256 (lower-case hex) of its bytes;
/// the hash is null only for a set recorded before sets named their pictures.
/// </summary>
internal sealed record BaselineImageFile(string File, string? Sha256);
