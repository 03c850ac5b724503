using System.Numerics.Tensors;

namespace ModelAudit.Embeddings;

/// <summary>
/// t-SNE's repulsive forces by FFT-accelerated interpolation (Linderman et al. 2019, FIt-SNE; as in openTSNE): the
/// map's bounding square is cut into boxes, each with 3 equispaced nodes per axis; charges (1, x, y, x² + y²) are
/// spread onto the nodes with Lagrange weights, the kernel 1/(1 + d²)² is applied to the node grid by a zero-padded
/// 2-D convolution via FFT, and the potentials are interpolated back. From the four potentials φ:
/// Σ_j w²(y_i − y_j) = y_i·φ₀ − (φ₁, φ₂) and Σ_j w = (1 + |y_i|²)·φ₀ − 2 y_i·(φ₁, φ₂) + φ₃, self terms removed.
/// </summary>
internal sealed class TsneFftRepulsion(int n)
{
    private const int Nodes = 3;
    private const int MinBoxes = 20;
    private const int Chunk = 512;
    private readonly int[] _cell = new int[2 * n];
    private readonly double[] _weight = new double[2 * Nodes * n];
    private readonly double[] _centred = new double[2 * n];
    private readonly double[] _z = new double[n];
    private SpectralGrid? _grid;

    /// <summary>Writes Σ_j w_ij²(y_i − y_j) per point into <paramref name="repulsion"/> and returns Z = Σ_(i≠j) w_ij.</summary>
    public double Compute(double[] y, double[] repulsion)
    {
        double lo = double.MaxValue, hi = double.MinValue;
        for (var c = 0; c < 2 * n; c++)
        {
            lo = Math.Min(lo, y[c]);
            hi = Math.Max(hi, y[c]);
        }

        // At least one box per unit of map distance (and 20), then as many as the power-of-two FFT holds anyway. The box
        // width is rounded up to a step of 2^(1/8), so the kernel's spectrum is reused while the map grows slowly.
        var range = Math.Max(hi - lo, 1e-9);
        var length = 8;
        while (length < 2 * Nodes * Math.Max(MinBoxes, (int)Math.Ceiling(range)))
        {
            length *= 2;
        }

        var width = Math.Pow(2, Math.Ceiling(8 * Math.Log2(range / (length / (2 * Nodes)))) / 8);
        var boxes = Math.Min(length / (2 * Nodes), (int)Math.Ceiling(range / width));
        if (_grid?.Length != length)
        {
            _grid = new SpectralGrid(length);
        }

        _grid.SetKernel(width / Nodes);
        var middle = (lo + hi) / 2;
        Parallel.For(0, (n + Chunk - 1) / Chunk, chunk =>
        {
            for (var i = chunk * Chunk; i < Math.Min(n, (chunk + 1) * Chunk); i++)
            {
                for (var a = 0; a < 2; a++)
                {
                    var t = (y[(2 * i) + a] - lo) / width;
                    var box = Math.Min((int)t, boxes - 1);
                    _cell[(2 * i) + a] = box * Nodes;
                    Lagrange(t - box, _weight.AsSpan(((2 * i) + a) * Nodes, Nodes));
                    _centred[(2 * i) + a] = y[(2 * i) + a] - middle;
                }
            }
        });

        _grid.Clear();
        for (var i = 0; i < n; i++)
        {
            double x = _centred[2 * i], v = _centred[(2 * i) + 1];
            _grid.Spread(_cell[2 * i], _cell[(2 * i) + 1], _weight.AsSpan(2 * i * Nodes, Nodes), _weight.AsSpan(((2 * i) + 1) * Nodes, Nodes), x, v, (x * x) + (v * v));
        }

        _grid.Convolve(boxes * Nodes);
        Parallel.For(0, (n + Chunk - 1) / Chunk, chunk =>
        {
            Span<double> phi = stackalloc double[4];
            for (var i = chunk * Chunk; i < Math.Min(n, (chunk + 1) * Chunk); i++)
            {
                _grid.Gather(_cell[2 * i], _cell[(2 * i) + 1], _weight.AsSpan(2 * i * Nodes, Nodes), _weight.AsSpan(((2 * i) + 1) * Nodes, Nodes), phi);
                double x = _centred[2 * i], v = _centred[(2 * i) + 1];
                repulsion[2 * i] = (x * phi[0]) - phi[1];
                repulsion[(2 * i) + 1] = (v * phi[0]) - phi[2];
                _z[i] = ((1 + (x * x) + (v * v)) * phi[0]) - (2 * ((x * phi[1]) + (v * phi[2]))) + phi[3] - 1;
            }
        });

        var z = 0.0;
        for (var i = 0; i < n; i++)
        {
            z += _z[i];
        }

        return z;
    }

    /// <summary>Lagrange basis at u ∈ [0, 1] for nodes 1/6, 1/2, 5/6 of the box.</summary>
    private static void Lagrange(double u, Span<double> w)
    {
        const double t0 = 1 / 6.0, t1 = 0.5, t2 = 5 / 6.0;
        w[0] = (u - t1) * (u - t2) / ((t0 - t1) * (t0 - t2));
        w[1] = (u - t0) * (u - t2) / ((t1 - t0) * (t1 - t2));
        w[2] = (u - t0) * (u - t1) / ((t2 - t0) * (t2 - t1));
    }
}
