namespace ModelAudit.Texture;

/// <summary>Options for <see cref="TextureStatistics"/> and <see cref="TextureDrift"/>.</summary>
public sealed record TextureOptions
{
    public static TextureOptions Default { get; } = new();

    /// <summary>Layers (conv node names or tensor names) whose Gram matrices are taken. Default: up to four conv layers spread from the first to the last.</summary>
    public IReadOnlyList<string>? Layers { get; init; }
}
