using ModelAudit.Imaging;

namespace ModelAudit.Faithfulness;

/// <summary>The order in which the faithfulness audits take a map's pixels: most evidence first.</summary>
internal static class PixelRanking
{
    /// <summary>
    /// Pixel indices by value, largest first; ties in row-major order, so a constant map removes the image top to
    /// bottom. Signed maps (integrated gradients, occlusion) put their negative evidence last.
    /// </summary>
    public static int[] Order(IPixelMap map)
    {
        var values = map.Values.ToArray();
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byValue = values[b].CompareTo(values[a]);
            return byValue != 0 ? byValue : a.CompareTo(b);
        });
        return order;
    }
}
