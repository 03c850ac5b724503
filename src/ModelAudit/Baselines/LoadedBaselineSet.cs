namespace ModelAudit.Baselines;

/// <summary>A stored set whose pictures were read and checked against the hashes its JSON records.</summary>
/// <param name="Set">The JSON, with every image's hash filled in from the bytes read.</param>
/// <param name="Pngs">The PNG bytes of every image, keyed by image name.</param>
internal sealed record LoadedBaselineSet(BaselineSet Set, IReadOnlyDictionary<string, byte[]> Pngs);
