using System.Numerics.Tensors;

namespace ModelAudit.Embeddings;

/// <summary>
/// A square grid of interpolation nodes convolved with the kernel 1/(1 + d²)² through a zero-padded 2-D FFT of size
/// L × L: the grid's m ≤ L/2 nodes per axis get a linear (not circular) convolution. Four real charge layers ride in
/// two complex grids, as the kernel's spectrum is real. Rows are padded so columns do not alias in the cache.
/// </summary>
internal sealed class SpectralGrid
{
    private readonly Fft _fft;
    private readonly int _stride;
    private readonly double[] _kernel, _scratch;
    private readonly double[] _re0, _im0, _re1, _im1;
    private double _spacing = double.NaN;

    public SpectralGrid(int length)
    {
        Length = length;
        _fft = new Fft(length);
        _stride = length + 8;
        var size = length * _stride;
        (_kernel, _scratch, _re0, _im0, _re1, _im1) = (new double[size], new double[size], new double[size], new double[size], new double[size], new double[size]);
    }

    public int Length { get; }

    /// <summary>Sets the kernel for node spacing <paramref name="spacing"/> (kept if unchanged).</summary>
    public void SetKernel(double spacing)
    {
        if (spacing == _spacing)
        {
            return;
        }

        _spacing = spacing;
        var l = Length;
        var offset2 = new double[l];
        for (var k = 0; k < l; k++)
        {
            var d = (k <= l / 2 ? k : k - l) * spacing;
            offset2[k] = d * d;
        }

        Parallel.For(0, l, r =>
        {
            var row = _kernel.AsSpan(r * _stride, l);
            TensorPrimitives.Add(offset2, 1 + offset2[r], row);
            TensorPrimitives.Multiply(row, row, row);
            TensorPrimitives.Reciprocal(row, row);
        });
        Array.Clear(_scratch);
        _fft.Columns(_kernel, _scratch, _stride, 0, l, inverse: false);
        _fft.Rows(_kernel, _scratch, _stride, 0, l, inverse: false);
    }

    public void Clear()
    {
        Array.Clear(_re0);
        Array.Clear(_im0);
        Array.Clear(_re1);
        Array.Clear(_im1);
    }

    /// <summary>Adds charges (1, x, y, q) at node (cx + a, cy + b) with weight wx[a]·wy[b].</summary>
    public void Spread(int cx, int cy, ReadOnlySpan<double> wx, ReadOnlySpan<double> wy, double x, double y, double q)
    {
        for (var b = 0; b < wy.Length; b++)
        {
            var at = ((cy + b) * _stride) + cx;
            for (var a = 0; a < wx.Length; a++)
            {
                var w = wx[a] * wy[b];
                _re0[at + a] += w;
                _im0[at + a] += w * x;
                _re1[at + a] += w * y;
                _im1[at + a] += w * q;
            }
        }
    }

    /// <summary>Convolves the charges on the first <paramref name="nodes"/> nodes per axis with the kernel.</summary>
    public void Convolve(int nodes)
    {
        Convolve(_re0, _im0, nodes);
        Convolve(_re1, _im1, nodes);
    }

    /// <summary>Interpolates the four potentials at a point (same cell and weights as it was spread with).</summary>
    public void Gather(int cx, int cy, ReadOnlySpan<double> wx, ReadOnlySpan<double> wy, Span<double> phi)
    {
        double p0 = 0, p1 = 0, p2 = 0, p3 = 0;
        for (var b = 0; b < wy.Length; b++)
        {
            var at = ((cy + b) * _stride) + cx;
            for (var a = 0; a < wx.Length; a++)
            {
                var w = wx[a] * wy[b];
                p0 += w * _re0[at + a];
                p1 += w * _im0[at + a];
                p2 += w * _re1[at + a];
                p3 += w * _im1[at + a];
            }
        }

        var scale = 1.0 / ((double)Length * Length);
        phi[0] = p0 * scale;
        phi[1] = p1 * scale;
        phi[2] = p2 * scale;
        phi[3] = p3 * scale;
    }

    private void Convolve(double[] re, double[] im, int nodes)
    {
        // Only the first m rows and columns hold charges and only they are read back: the forward column pass skips
        // the empty columns and the inverse row pass the unread rows.
        var l = Length;
        var columns = Math.Min(l, (nodes + 3) / 4 * 4);
        _fft.Columns(re, im, _stride, 0, columns, inverse: false);
        _fft.Rows(re, im, _stride, 0, l, inverse: false);
        Parallel.For(0, l, r =>
        {
            var k = _kernel.AsSpan(r * _stride, l);
            TensorPrimitives.Multiply(re.AsSpan(r * _stride, l), k, re.AsSpan(r * _stride, l));
            TensorPrimitives.Multiply(im.AsSpan(r * _stride, l), k, im.AsSpan(r * _stride, l));
        });
        _fft.Columns(re, im, _stride, 0, l, inverse: true);
        _fft.Rows(re, im, _stride, 0, nodes, inverse: true);
    }
}
