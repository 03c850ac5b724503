namespace ModelAudit.Gradients;

/// <summary>Bilinear resampling of a row-major map, half-pixel centres (as align_corners=false), edges clamped.</summary>
internal static class Upsample
{
    public static float[] Bilinear(float[] map, int width, int height, int toWidth, int toHeight)
    {
        var result = new float[toWidth * toHeight];
        for (var y = 0; y < toHeight; y++)
        {
            var sy = Math.Clamp(((y + 0.5) * height / toHeight) - 0.5, 0, height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, height - 1);
            var fy = sy - y0;
            for (var x = 0; x < toWidth; x++)
            {
                var sx = Math.Clamp(((x + 0.5) * width / toWidth) - 0.5, 0, width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, width - 1);
                var fx = sx - x0;
                var top = ((1 - fx) * map[(y0 * width) + x0]) + (fx * map[(y0 * width) + x1]);
                var bottom = ((1 - fx) * map[(y1 * width) + x0]) + (fx * map[(y1 * width) + x1]);
                result[(y * toWidth) + x] = (float)(((1 - fy) * top) + (fy * bottom));
            }
        }

        return result;
    }
}
