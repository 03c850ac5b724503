namespace ModelAudit.Imaging;

/// <summary>How reports name the method behind a pixel map.</summary>
internal static class PixelMapNames
{
    /// <summary>An attribution map's <see cref="Gradients.AttributionMap.Method"/>, "occlusion", or the type's name for maps of other kinds.</summary>
    public static string MethodOf(IPixelMap map) => map switch
    {
        Gradients.AttributionMap a => a.Method,
        Occlusion.OcclusionMap => "occlusion",
        _ => map.GetType().Name,
    };

    /// <summary>The methods of several maps, in order of first appearance, joined by '+': one name when they agree.</summary>
    public static string MethodOf(IEnumerable<IPixelMap> maps) => string.Join("+", maps.Select(MethodOf).Distinct(StringComparer.Ordinal));
}
