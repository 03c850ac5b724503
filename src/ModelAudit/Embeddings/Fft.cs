using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelAudit.Embeddings;

/// <summary>
/// Radix-2 complex FFT of a power-of-two length over the rows or the columns of a 2-D grid held as separate real and
/// imaginary arrays (row-major, with a row stride). Transforms run on strips of 32 columns at once, vectorised across
/// the strip (rows are transposed into such a strip first). Unnormalised: the inverse is n times the inverse DFT.
/// Work is split into fixed strips and each value follows one fixed sequence of operations.
/// </summary>
internal sealed class Fft
{
    private const int Strip = 32;
    private readonly int[] _reverse;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public Fft(int length)
    {
        if (length < 8 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The FFT length must be a power of two of at least 8.");
        }

        Length = length;
        _reverse = new int[length];
        for (var i = 0; i < length; i++)
        {
            for (int bit = 1, r = length >> 1; bit < length; bit <<= 1, r >>= 1)
            {
                _reverse[i] |= (i & bit) != 0 ? r : 0;
            }
        }

        // Stage tables: entry h + k holds e^(iπk/h), k < h, for every half-length h, so each stage reads them in a row.
        _cos = new double[length];
        _sin = new double[length];
        for (var h = 1; h < length; h *= 2)
        {
            for (var k = 0; k < h; k++)
            {
                _cos[h + k] = Math.Cos(Math.PI * k / h);
                _sin[h + k] = Math.Sin(Math.PI * k / h);
            }
        }
    }

    public int Length { get; }

    /// <summary>Transforms rows [r0, r1), each <see cref="Length"/> values from <c>r · stride</c>.</summary>
    public void Rows(double[] re, double[] im, int stride, int r0, int r1, bool inverse) =>
        Parallel.For(0, (r1 - r0 + Strip - 1) / Strip, () => (new double[Length * Strip], new double[Length * Strip]), (chunk, _, buffer) =>
        {
            // A strip of rows is transposed into columns, transformed as such (vectorised across rows) and put back.
            var (bre, bim) = buffer;
            var first = r0 + (chunk * Strip);
            var rows = Math.Min(Strip, r1 - first);
            Transpose(re, im, stride, first, rows, bre, bim, toBuffer: true);
            ColumnStrip(bre, bim, Strip, 0, Strip, inverse ? 1 : -1);
            Transpose(re, im, stride, first, rows, bre, bim, toBuffer: false);
            return buffer;
        }, _ => { });

    /// <summary>Transforms columns [c0, c1) (a multiple of 4 wide) down rows 0 … Length − 1.</summary>
    public void Columns(double[] re, double[] im, int stride, int c0, int c1, bool inverse) =>
        Parallel.For(0, (c1 - c0 + Strip - 1) / Strip, s =>
            ColumnStrip(re, im, stride, c0 + (s * Strip), Math.Min(c1, c0 + ((s + 1) * Strip)), inverse ? 1 : -1));

    /// <summary>Copies rows first … first + rows − 1 into the strip buffer as columns (or back), 8 columns at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Transpose(double[] re, double[] im, int stride, int first, int rows, double[] bre, double[] bim, bool toBuffer)
    {
        if (toBuffer && rows < Strip)
        {
            Array.Clear(bre);
            Array.Clear(bim);
        }

        ref var gr = ref MemoryMarshal.GetArrayDataReference(re);
        ref var gi = ref MemoryMarshal.GetArrayDataReference(im);
        ref var sr = ref MemoryMarshal.GetArrayDataReference(bre);
        ref var si = ref MemoryMarshal.GetArrayDataReference(bim);
        for (var c0 = 0; c0 < Length; c0 += 8)
        {
            for (var r = 0; r < rows; r++)
            {
                var grid = ((first + r) * stride) + c0;
                var strip = (c0 * Strip) + r;
                for (var c = 0; c < 8; c++)
                {
                    if (toBuffer)
                    {
                        Unsafe.Add(ref sr, strip + (c * Strip)) = Unsafe.Add(ref gr, grid + c);
                        Unsafe.Add(ref si, strip + (c * Strip)) = Unsafe.Add(ref gi, grid + c);
                    }
                    else
                    {
                        Unsafe.Add(ref gr, grid + c) = Unsafe.Add(ref sr, strip + (c * Strip));
                        Unsafe.Add(ref gi, grid + c) = Unsafe.Add(ref si, strip + (c * Strip));
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ColumnStrip(double[] re, double[] im, int stride, int c0, int c1, double sign)
    {
        var n = Length;
        ref var r0 = ref MemoryMarshal.GetArrayDataReference(re);
        ref var i0 = ref MemoryMarshal.GetArrayDataReference(im);
        for (var i = 0; i < n; i++)
        {
            var j = _reverse[i];
            if (j > i)
            {
                Swap(re.AsSpan((i * stride) + c0, c1 - c0), re.AsSpan((j * stride) + c0, c1 - c0));
                Swap(im.AsSpan((i * stride) + c0, c1 - c0), im.AsSpan((j * stride) + c0, c1 - c0));
            }
        }

        for (var h = 1; h < n; h *= 2)
        {
            for (var start = 0; start < n; start += 2 * h)
            {
                for (var k = 0; k < h; k++)
                {
                    var wr = Vector256.Create(_cos[h + k]);
                    var wi = Vector256.Create(_sin[h + k] * sign);
                    var a = (nuint)(((start + k) * stride) + c0);
                    var b = a + (nuint)(h * stride);
                    for (nuint c = 0; c < (nuint)(c1 - c0); c += (nuint)Vector256<double>.Count)
                    {
                        Butterfly(ref r0, ref i0, a + c, b + c, wr, wi);
                    }
                }
            }
        }
    }

    private static void Swap(Span<double> a, Span<double> b)
    {
        for (var c = 0; c < a.Length; c++)
        {
            (a[c], b[c]) = (b[c], a[c]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref double re, ref double im, nuint a, nuint b, Vector256<double> wr, Vector256<double> wi)
    {
        var br = Vector256.LoadUnsafe(ref re, b);
        var bi = Vector256.LoadUnsafe(ref im, b);
        var tr = Vector256.FusedMultiplyAdd(br, wr, -(bi * wi));
        var ti = Vector256.FusedMultiplyAdd(br, wi, bi * wr);
        var ar = Vector256.LoadUnsafe(ref re, a);
        var ai = Vector256.LoadUnsafe(ref im, a);
        (ar + tr).StoreUnsafe(ref re, a);
        (ai + ti).StoreUnsafe(ref im, a);
        (ar - tr).StoreUnsafe(ref re, b);
        (ai - ti).StoreUnsafe(ref im, b);
    }
}
