namespace ModelAudit.Filters;

/// <summary>Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (channel Gram matrices are 2×2 to 4×4).</summary>
internal static class SymmetricEigen
{
    /// <summary>The largest eigenvalue of the symmetric <paramref name="matrix"/> (only its upper triangle is read).</summary>
    public static double Largest(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                a[i, j] = a[j, i];
            }
        }

        // Jacobi converges quadratically; 50 sweeps is far more than a 4×4 needs, and a fixed order keeps it bit-for-bit repeatable.
        for (var sweep = 0; sweep < 50 && OffDiagonal(a) > 1e-30 * Diagonal(a); sweep++)
        {
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    Rotate(a, p, q);
                }
            }
        }

        var largest = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            largest = Math.Max(largest, a[i, i]);
        }

        return largest;
    }

    private static void Rotate(double[,] a, int p, int q)
    {
        if (a[p, q] == 0)
        {
            return;
        }

        var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
        var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        var c = 1 / Math.Sqrt((t * t) + 1);
        var s = t * c;
        var n = a.GetLength(0);
        for (var k = 0; k < n; k++)
        {
            var akp = a[k, p];
            var akq = a[k, q];
            a[k, p] = (c * akp) - (s * akq);
            a[k, q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            var apk = a[p, k];
            var aqk = a[q, k];
            a[p, k] = (c * apk) - (s * aqk);
            a[q, k] = (s * apk) + (c * aqk);
        }
    }

    private static double OffDiagonal(double[,] a)
    {
        double sum = 0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = i + 1; j < a.GetLength(0); j++)
            {
                sum += a[i, j] * a[i, j];
            }
        }

        return sum;
    }

    private static double Diagonal(double[,] a)
    {
        double sum = 0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            sum += a[i, i] * a[i, i];
        }

        return sum;
    }
}
