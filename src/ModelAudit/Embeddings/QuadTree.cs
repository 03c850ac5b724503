namespace ModelAudit.Embeddings;

/// <summary>
/// A point-region quadtree over 2-D map points with each cell's centre of mass, rebuilt every t-SNE step and
/// reused across steps. Cells are split until they hold one point (or reach a depth limit, for duplicates).
/// </summary>
internal sealed class QuadTree
{
    private const int MaxDepth = 40;
    private int[] _order = [];
    private int[] _scratch = [];
    private double[] _comX = [], _comY = [], _width = [];
    private int[] _count = [], _children = [], _start = [], _end = [];
    private int _nodes;

    /// <summary>Builds the tree over <paramref name="y"/> (n × 2 row-major).</summary>
    public void Build(double[] y, int n)
    {
        if (_order.Length != n)
        {
            _order = new int[n];
            _scratch = new int[n];
            Grow(4 * n);
        }

        for (var i = 0; i < n; i++)
        {
            _order[i] = i;
        }

        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i < n; i++)
        {
            minX = Math.Min(minX, y[2 * i]);
            maxX = Math.Max(maxX, y[2 * i]);
            minY = Math.Min(minY, y[(2 * i) + 1]);
            maxY = Math.Max(maxY, y[(2 * i) + 1]);
        }

        var half = (Math.Max(maxX - minX, maxY - minY) / 2) + 1e-9;
        _nodes = 0;
        Split(y, (minX + maxX) / 2, (minY + maxY) / 2, half, 0, n, 0);
    }

    /// <summary>
    /// Repulsion on point i: returns Σ w (w = 1/(1 + d²)) and adds Σ w²·(y_i − y_j) to (fx, fy), summarising a cell
    /// by its centre of mass when width² &lt; θ²·d².
    /// </summary>
    public double Repulsion(double[] y, int i, double theta2, Span<int> stack, out double fx, out double fy)
    {
        double z = 0, ax = 0, ay = 0;
        var xi = y[2 * i];
        var yi = y[(2 * i) + 1];
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var node = stack[--top];
            var dx = xi - _comX[node];
            var dy = yi - _comY[node];
            var d2 = (dx * dx) + (dy * dy);
            if (_children[4 * node] < 0)
            {
                for (var p = _start[node]; p < _end[node]; p++)
                {
                    var j = _order[p];
                    if (j == i)
                    {
                        continue;
                    }

                    var ex = xi - y[2 * j];
                    var ey = yi - y[(2 * j) + 1];
                    var w = 1 / (1 + (ex * ex) + (ey * ey));
                    z += w;
                    ax += w * w * ex;
                    ay += w * w * ey;
                }
            }
            else if (_width[node] * _width[node] < theta2 * d2)
            {
                var w = 1 / (1 + d2);
                var m = _count[node];
                z += m * w;
                ax += m * w * w * dx;
                ay += m * w * w * dy;
            }
            else
            {
                for (var c = 0; c < 4; c++)
                {
                    var child = _children[(4 * node) + c];
                    if (child > 0)
                    {
                        stack[top++] = child;
                    }
                }
            }
        }

        fx = ax;
        fy = ay;
        return z;
    }

    private int Split(double[] y, double cx, double cy, double half, int start, int end, int depth)
    {
        var node = _nodes++;
        if (node >= _count.Length)
        {
            Grow(_count.Length * 2);
        }

        double sx = 0, sy = 0;
        for (var p = start; p < end; p++)
        {
            sx += y[2 * _order[p]];
            sy += y[(2 * _order[p]) + 1];
        }

        _comX[node] = sx / (end - start);
        _comY[node] = sy / (end - start);
        _count[node] = end - start;
        _width[node] = 2 * half;
        _start[node] = start;
        _end[node] = end;
        _children.AsSpan(4 * node, 4).Fill(-1);
        if (end - start <= 1 || depth >= MaxDepth)
        {
            return node;
        }

        // Counting sort of the range into quadrants 0..3 (bit 0: right of centre, bit 1: above centre).
        Span<int> bounds = stackalloc int[5];
        for (var p = start; p < end; p++)
        {
            bounds[Quadrant(y, _order[p], cx, cy) + 1]++;
        }

        bounds[0] = start;
        for (var q = 1; q <= 4; q++)
        {
            bounds[q] += bounds[q - 1];
        }

        Span<int> fill = stackalloc int[4];
        bounds[..4].CopyTo(fill);
        for (var p = start; p < end; p++)
        {
            var j = _order[p];
            _scratch[fill[Quadrant(y, j, cx, cy)]++] = j;
        }

        _scratch.AsSpan(start, end - start).CopyTo(_order.AsSpan(start));
        var h = half / 2;
        for (var q = 0; q < 4; q++)
        {
            if (bounds[q + 1] > bounds[q])
            {
                var child = Split(y, cx + ((q & 1) == 0 ? -h : h), cy + ((q & 2) == 0 ? -h : h), h, bounds[q], bounds[q + 1], depth + 1);
                _children[(4 * node) + q] = child;
            }
        }

        return node;
    }

    private static int Quadrant(double[] y, int j, double cx, double cy) => (y[2 * j] >= cx ? 1 : 0) | (y[(2 * j) + 1] >= cy ? 2 : 0);

    private void Grow(int size)
    {
        Array.Resize(ref _comX, size);
        Array.Resize(ref _comY, size);
        Array.Resize(ref _width, size);
        Array.Resize(ref _count, size);
        Array.Resize(ref _start, size);
        Array.Resize(ref _end, size);
        Array.Resize(ref _children, 4 * size);
    }
}
