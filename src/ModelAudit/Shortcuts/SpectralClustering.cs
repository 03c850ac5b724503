namespace ModelAudit.Shortcuts;

/// <summary>
/// Spectral clustering as SpRAy uses it (Lapuschkin et al. 2019): a symmetric k-nearest-neighbour graph over the
/// points, the eigenvalues of its normalised Laplacian, the cluster count at the largest eigengap, and k-means on
/// the rows of the leading eigenvectors (Ng, Jordan and Weiss). Deterministic for a seed.
/// </summary>
internal static class SpectralClustering
{
    public sealed record Partition(int[] Assignment, int ClusterCount, double[] Eigenvalues);

    public static Partition Cluster(IReadOnlyList<float[]> points, int neighbours, int maxClusters, int seed)
    {
        var n = points.Count;
        if (n < 3)
        {
            return new Partition(new int[n], n == 0 ? 0 : 1, []);
        }

        var affinity = Affinity(points, Math.Clamp(neighbours, 1, n - 1));
        var (values, vectors) = Jacobi(Laplacian(affinity, n), n);
        var limit = Math.Min(maxClusters, n - 1);
        var count = 1;
        var widest = double.NegativeInfinity;
        for (var c = 1; c <= limit; c++)
        {
            var gap = values[c] - values[c - 1];
            if (gap > widest + 1e-9)
            {
                (widest, count) = (gap, c);
            }
        }

        var embedded = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var row = new float[count];
            double norm = 0;
            for (var c = 0; c < count; c++)
            {
                row[c] = (float)vectors[(i * n) + c];
                norm += row[c] * row[c];
            }

            norm = Math.Sqrt(norm);
            for (var c = 0; c < count && norm > 0; c++)
            {
                row[c] = (float)(row[c] / norm);
            }

            embedded[i] = row;
        }

        return new Partition(KMeans(embedded, count, seed), count, values.Take(limit + 1).ToArray());
    }

    private static double[] Affinity(IReadOnlyList<float[]> points, int k)
    {
        var n = points.Count;
        var distance = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                distance[(i * n) + j] = distance[(j * n) + i] = SquaredDistance(points[i], points[j]);
            }
        }

        var affinity = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            foreach (var j in Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => distance[(i * n) + j]).ThenBy(j => j).Take(k))
            {
                affinity[(i * n) + j] = affinity[(j * n) + i] = 1;
            }
        }

        return affinity;
    }

    private static double[] Laplacian(double[] affinity, int n)
    {
        var degree = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                degree[i] += affinity[(i * n) + j];
            }
        }

        var laplacian = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var scale = degree[i] > 0 && degree[j] > 0 ? affinity[(i * n) + j] / Math.Sqrt(degree[i] * degree[j]) : 0;
                laplacian[(i * n) + j] = (i == j ? 1 : 0) - scale;
            }
        }

        return laplacian;
    }

    /// <summary>Eigenvalues ascending and eigenvectors as columns (row-major n×n) of a symmetric matrix, by cyclic Jacobi rotations.</summary>
    internal static (double[] Values, double[] Vectors) Jacobi(double[] matrix, int n)
    {
        var a = (double[])matrix.Clone();
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[(p * n) + q] * a[(p * n) + q];
                }
            }

            if (off < 1e-22)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[(p * n) + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    var theta = (a[(q * n) + q] - a[(p * n) + p]) / (2 * apq);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    Rotate(a, v, n, p, q, c, s);
                }
            }
        }

        var order = Enumerable.Range(0, n).OrderBy(i => a[(i * n) + i]).ThenBy(i => i).ToArray();
        var values = order.Select(i => a[(i * n) + i]).ToArray();
        var vectors = new double[n * n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                vectors[(r * n) + c] = v[(r * n) + order[c]];
            }
        }

        return (values, vectors);
    }

    private static void Rotate(double[] a, double[] v, int n, int p, int q, double c, double s)
    {
        for (var k = 0; k < n; k++)
        {
            var akp = a[(k * n) + p];
            var akq = a[(k * n) + q];
            a[(k * n) + p] = (c * akp) - (s * akq);
            a[(k * n) + q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            var apk = a[(p * n) + k];
            var aqk = a[(q * n) + k];
            a[(p * n) + k] = (c * apk) - (s * aqk);
            a[(q * n) + k] = (s * apk) + (c * aqk);
        }

        for (var k = 0; k < n; k++)
        {
            var vkp = v[(k * n) + p];
            var vkq = v[(k * n) + q];
            v[(k * n) + p] = (c * vkp) - (s * vkq);
            v[(k * n) + q] = (s * vkp) + (c * vkq);
        }
    }

    /// <summary>k-means with k-means++ seeding from a seeded generator; clusters renumbered by first member.</summary>
    internal static int[] KMeans(float[][] points, int k, int seed)
    {
        var n = points.Length;
        var assignment = new int[n];
        if (k <= 1)
        {
            return assignment;
        }

        var random = new Random(seed);
        var centres = new List<float[]> { (float[])points[random.Next(n)].Clone() };
        while (centres.Count < k)
        {
            var weights = points.Select(p => centres.Min(c => SquaredDistance(p, c))).ToArray();
            var total = weights.Sum();
            var pick = random.NextDouble() * total;
            var chosen = n - 1;
            for (var i = 0; i < n && total > 0; i++)
            {
                pick -= weights[i];
                if (pick <= 0)
                {
                    chosen = i;
                    break;
                }
            }

            centres.Add((float[])points[chosen].Clone());
        }

        for (var iteration = 0; iteration < 100; iteration++)
        {
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var best = Enumerable.Range(0, k).MinBy(c => SquaredDistance(points[i], centres[c]));
                changed |= best != assignment[i];
                assignment[i] = best;
            }

            for (var c = 0; c < k; c++)
            {
                var members = Enumerable.Range(0, n).Where(i => assignment[i] == c).ToArray();
                if (members.Length > 0)
                {
                    centres[c] = Enumerable.Range(0, points[0].Length).Select(d => members.Average(i => points[i][d])).ToArray();
                }
            }

            if (!changed && iteration > 0)
            {
                break;
            }
        }

        var renumber = new Dictionary<int, int>();
        return assignment.Select(a => renumber.TryGetValue(a, out var r) ? r : renumber[a] = renumber.Count).ToArray();
    }

    private static double SquaredDistance(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }
}
