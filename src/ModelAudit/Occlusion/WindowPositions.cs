namespace ModelAudit.Occlusion;

/// <summary>Where windows start along one axis.</summary>
internal static class WindowPositions
{
    /// <summary>
    /// 0, s, 2s, … while the window fits, then <c>length − window</c> if that is not already included, so the
    /// last window sits flush with the far edge and every pixel is covered.
    /// </summary>
    public static int[] Along(int length, int window, int stride)
    {
        var last = length - window;
        var positions = new List<int>((last / stride) + 2);
        for (var p = 0; p <= last; p += stride)
        {
            positions.Add(p);
        }

        if (positions[^1] != last)
        {
            positions.Add(last);
        }

        return [.. positions];
    }
}
