using System.Numerics.Tensors;

namespace ModelAudit.Faithfulness;

/// <summary>
/// The linear system of <see cref="NoisyLinearFill"/> for one set of unknown pixels: for each, (the sum of its in-image
/// neighbours' weights) × its value − Σ weight × unknown neighbour = Σ weight × known neighbour. Symmetric, and positive
/// definite when any pixel is known; solved by Jacobi-preconditioned conjugate gradients.
/// </summary>
/// <remarks>
/// Vectors live on the whole image with a one-pixel border of zeros, and are zero wherever the pixel is known, so the
/// matrix is the same 8-neighbour stencil everywhere: eight shifted multiply-adds over contiguous memory, then a mask.
/// Every step is a vectorised <see cref="TensorPrimitives"/> call over the grid.
/// </remarks>
internal sealed class ImputationSystem
{
    /// <summary>Stop when the residual falls below this share of the right-hand side (or 1e-4 per pixel).</summary>
    private const double Tolerance = 1e-4;

    private const int MaxIterations = 2000;

    /// <summary>ROAD's weights: 1/6 for the 4 direct neighbours, 1/12 for the diagonals.</summary>
    private static readonly (int Dx, int Dy, double Weight)[] Neighbours =
    [
        (-1, 0, 1.0 / 6), (1, 0, 1.0 / 6), (0, -1, 1.0 / 6), (0, 1, 1.0 / 6),
        (-1, -1, 1.0 / 12), (1, -1, 1.0 / 12), (-1, 1, 1.0 / 12), (1, 1, 1.0 / 12),
    ];

    private readonly int _width;
    private readonly int _height;
    private readonly int _stride;
    private readonly int _unknownCount;

    // On the padded grid: 1 at unknown pixels, else 0; the diagonal and its inverse at unknown pixels, else 0.
    private readonly double[] _mask;
    private readonly double[] _diagonal;
    private readonly double[] _inverse;

    public ImputationSystem(bool[] known, int width, int height)
    {
        (_width, _height, _stride) = (width, height, width + 2);
        _mask = new double[_stride * (height + 2)];
        _diagonal = new double[_mask.Length];
        _inverse = new double[_mask.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (known[(y * width) + x])
                {
                    continue;
                }

                var g = Grid(x, y);
                _mask[g] = 1;
                _unknownCount++;
                foreach (var (dx, dy, w) in Neighbours)
                {
                    _diagonal[g] += x + dx >= 0 && y + dy >= 0 && x + dx < width && y + dy < height ? w : 0;
                }

                _inverse[g] = 1 / _diagonal[g];
            }
        }
    }

    /// <summary>The grid span every stencil step covers: from pixel (0, 0) to pixel (width − 1, height − 1).</summary>
    private int Start => _stride + 1;

    private int Length => (_stride * (_height - 1)) + _width;

    /// <summary>
    /// Writes the solution into the unknown pixels of the row-major <paramref name="values"/>, starting from the values
    /// they hold; the known pixels give the right-hand side.
    /// </summary>
    public void Solve(double[] values)
    {
        var n = _mask.Length;
        double[] u = new double[n], known = new double[n], b = new double[n], r = new double[n], z = new double[n], d = new double[n], q = new double[n];
        for (var y = 0; y < _height; y++)
        {
            values.AsSpan(y * _width, _width).CopyTo(known.AsSpan(Grid(0, y), _width));
        }

        // The start at the unknown pixels, the right-hand side's values at the known ones.
        TensorPrimitives.Multiply(known, _mask, u);
        TensorPrimitives.Subtract(known, u, known);
        Stencil(known, b);
        TensorPrimitives.Negate(b, b);
        Multiply(u, q);
        TensorPrimitives.Subtract(b, q, r);
        TensorPrimitives.Multiply(r, _inverse, z);
        z.CopyTo(d, 0);
        var rz = TensorPrimitives.Dot<double>(r, z);

        // The floor ends the loop when the known rim is all zeros, and so is the answer.
        var limit = Tolerance * Tolerance * Math.Max(TensorPrimitives.Dot<double>(b, b), _unknownCount);
        for (var iteration = 0; iteration < MaxIterations && TensorPrimitives.Dot<double>(r, r) > limit; iteration++)
        {
            Multiply(d, q);
            var alpha = rz / TensorPrimitives.Dot<double>(d, q);
            TensorPrimitives.MultiplyAdd(d, alpha, u, u);
            TensorPrimitives.MultiplyAdd(q, -alpha, r, r);
            TensorPrimitives.Multiply(r, _inverse, z);
            var next = TensorPrimitives.Dot<double>(r, z);
            TensorPrimitives.MultiplyAdd(d, next / rz, z, d);
            rz = next;
        }

        TensorPrimitives.Add(u, known, u);
        for (var y = 0; y < _height; y++)
        {
            u.AsSpan(Grid(0, y), _width).CopyTo(values.AsSpan(y * _width, _width));
        }
    }

    private int Grid(int x, int y) => ((y + 1) * _stride) + x + 1;

    /// <summary>q = A·v for v that is zero off the unknown pixels.</summary>
    private void Multiply(double[] v, double[] q)
    {
        Stencil(v, q);
        TensorPrimitives.MultiplyAdd<double>(_diagonal, v, q, q);
    }

    /// <summary>q = −Σ weight × neighbour of v, at the unknown pixels; 0 elsewhere.</summary>
    private void Stencil(double[] v, double[] q)
    {
        var target = q.AsSpan(Start, Length);
        q.AsSpan().Clear();
        foreach (var (dx, dy, w) in Neighbours)
        {
            TensorPrimitives.MultiplyAdd(v.AsSpan(Start + (dy * _stride) + dx, Length), -w, target, target);
        }

        TensorPrimitives.Multiply(q, _mask, q);
    }
}
