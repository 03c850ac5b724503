namespace ModelAudit.Datasets;

/// <summary>
/// Exact pixel coverage of each shape drawn in the square <c>[x0, x0+size) × [y0, y0+size)</c>.
/// A pixel belongs to a shape when its centre does, so masks need no anti-aliasing.
/// </summary>
internal static class ShapeGeometry
{
    public static Func<int, int, bool> Coverage(ShapeKind kind, int x0, int y0, int size) => kind switch
    {
        ShapeKind.Circle => Circle(x0, y0, size),
        ShapeKind.Square => (x, y) => x >= x0 && x < x0 + size && y >= y0 && y < y0 + size,
        ShapeKind.Triangle => Triangle(x0, y0, size),
        ShapeKind.Cross => Cross(x0, y0, size),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown shape."),
    };

    /// <summary>Width of each bar of a cross drawn in a square of side <paramref name="size"/>.</summary>
    public static int CrossBarWidth(int size) => Math.Max(3, (int)Math.Round(size * 0.3));

    private static Func<int, int, bool> Circle(int x0, int y0, int size)
    {
        var r = size / 2.0;
        var cx = x0 + r;
        var cy = y0 + r;
        return (x, y) =>
        {
            var dx = x + 0.5 - cx;
            var dy = y + 0.5 - cy;
            return (dx * dx) + (dy * dy) <= r * r;
        };
    }

    /// <summary>An upright isosceles triangle: apex at the top centre, base along the bottom edge.</summary>
    private static Func<int, int, bool> Triangle(int x0, int y0, int size)
    {
        (double X, double Y) apex = (x0 + (size / 2.0), y0);
        (double X, double Y) left = (x0, y0 + size);
        (double X, double Y) right = (x0 + size, y0 + size);
        return (x, y) =>
        {
            (double X, double Y) p = (x + 0.5, y + 0.5);
            return Edge(apex, right, p) >= 0 && Edge(right, left, p) >= 0 && Edge(left, apex, p) >= 0;
        };
    }

    /// <summary>Positive when <paramref name="p"/> lies right of a→b in image coordinates (y down), i.e. inside a clockwise polygon.</summary>
    private static double Edge((double X, double Y) a, (double X, double Y) b, (double X, double Y) p) =>
        ((b.X - a.X) * (p.Y - a.Y)) - ((b.Y - a.Y) * (p.X - a.X));

    private static Func<int, int, bool> Cross(int x0, int y0, int size)
    {
        var bar = CrossBarWidth(size);
        var from = (size - bar) / 2;
        return (x, y) =>
        {
            int u = x - x0, v = y - y0;
            if (u < 0 || v < 0 || u >= size || v >= size)
            {
                return false;
            }

            return (u >= from && u < from + bar) || (v >= from && v < from + bar);
        };
    }
}
