namespace ModelAudit.Embeddings;

/// <summary>
/// The t-SNE gradient 4·(exaggeration·Σ_j p_ij w_ij (y_i − y_j) − Σ_j w_ij² (y_i − y_j) / Z), w = 1/(1 + d²), Z = Σ w.
/// Points are split into fixed chunks run in parallel; every per-point sum runs in a fixed order and Z is added up
/// point by point afterwards, so a run is bit-identical whatever the thread count or scheduling.
/// </summary>
internal sealed class TsneGradient(TsneAffinities p, int n, TsneMethod method, double theta)
{
    private const int Chunk = 256;
    private readonly QuadTree _tree = new();
    private readonly TsneFftRepulsion _fft = new(n);
    private readonly double[] _z = new double[n];
    private readonly double[] _repulsion = new double[2 * n];

    public double Compute(double[] y, double exaggeration, double[] gradient)
    {
        var z = method == TsneMethod.Fft ? _fft.Compute(y, _repulsion) : PairRepulsion(y);
        Parallel.For(0, (n + Chunk - 1) / Chunk, chunk =>
        {
            for (var i = chunk * Chunk; i < Math.Min(n, (chunk + 1) * Chunk); i++)
            {
                Attraction(y, i, out var ax, out var ay);
                gradient[2 * i] = exaggeration * ax;
                gradient[(2 * i) + 1] = exaggeration * ay;
            }
        });

        for (var i = 0; i < 2 * n; i++)
        {
            gradient[i] = 4 * (gradient[i] - (_repulsion[i] / z));
        }

        return z;
    }

    /// <summary>KL(P ‖ Q) = Σ p_ij log(p_ij / q_ij), q_ij = w_ij / Z, over the stored (non-zero) p_ij.</summary>
    public double KlDivergence(double[] y, double z)
    {
        var kl = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                var j = p.Columns[e];
                var dx = y[2 * i] - y[2 * j];
                var dy = y[(2 * i) + 1] - y[(2 * j) + 1];
                var q = 1 / (1 + (dx * dx) + (dy * dy)) / z;
                var pij = p.Values[e];
                kl += pij * Math.Log(Math.Max(pij, 1e-300) / Math.Max(q, 1e-300));
            }
        }

        return kl;
    }

    /// <summary>Repulsion (exact or Barnes–Hut) point by point into the repulsion buffer; returns Z.</summary>
    private double PairRepulsion(double[] y)
    {
        var barnesHut = method == TsneMethod.BarnesHut;
        if (barnesHut)
        {
            _tree.Build(y, n);
        }

        Parallel.For(0, (n + Chunk - 1) / Chunk, chunk =>
        {
            Span<int> stack = stackalloc int[512];
            for (var i = chunk * Chunk; i < Math.Min(n, (chunk + 1) * Chunk); i++)
            {
                double fx, fy;
                _z[i] = barnesHut ? _tree.Repulsion(y, i, theta * theta, stack, out fx, out fy) : Exact(y, i, out fx, out fy);
                _repulsion[2 * i] = fx;
                _repulsion[(2 * i) + 1] = fy;
            }
        });

        var z = 0.0;
        for (var i = 0; i < n; i++)
        {
            z += _z[i];
        }

        return z;
    }

    private void Attraction(double[] y, int i, out double fx, out double fy)
    {
        double ax = 0, ay = 0;
        var xi = y[2 * i];
        var yi = y[(2 * i) + 1];
        for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
        {
            var j = p.Columns[e];
            var dx = xi - y[2 * j];
            var dy = yi - y[(2 * j) + 1];
            var w = p.Values[e] / (1 + (dx * dx) + (dy * dy));
            ax += w * dx;
            ay += w * dy;
        }

        fx = ax;
        fy = ay;
    }

    private double Exact(double[] y, int i, out double fx, out double fy)
    {
        double z = 0, ax = 0, ay = 0;
        var xi = y[2 * i];
        var yi = y[(2 * i) + 1];
        for (var j = 0; j < n; j++)
        {
            if (j == i)
            {
                continue;
            }

            var dx = xi - y[2 * j];
            var dy = yi - y[(2 * j) + 1];
            var w = 1 / (1 + (dx * dx) + (dy * dy));
            z += w;
            ax += w * w * dx;
            ay += w * w * dy;
        }

        fx = ax;
        fy = ay;
        return z;
    }
}
