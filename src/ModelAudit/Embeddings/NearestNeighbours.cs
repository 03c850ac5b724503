namespace ModelAudit.Embeddings;

/// <summary>Exact k nearest neighbours of one row of distances: ties go to the lower index, so results are reproducible.</summary>
internal static class NearestNeighbours
{
    /// <summary>Writes the k nearest indices (self excluded) into <paramref name="indices"/>, nearest first.</summary>
    public static void Select(ReadOnlySpan<float> distances, int self, Span<int> indices, Span<float> values)
    {
        var k = indices.Length;
        var size = 0;
        for (var j = 0; j < distances.Length; j++)
        {
            if (j == self)
            {
                continue;
            }

            var v = distances[j];
            if (size < k)
            {
                indices[size] = j;
                values[size] = v;
                SiftUp(indices, values, size++);
            }
            else if (Before(v, j, values[0], indices[0]))
            {
                indices[0] = j;
                values[0] = v;
                SiftDown(indices, values, k);
            }
        }

        // Heap sort in place: repeatedly move the farthest to the end.
        for (var end = size - 1; end > 0; end--)
        {
            (indices[0], indices[end]) = (indices[end], indices[0]);
            (values[0], values[end]) = (values[end], values[0]);
            SiftDown(indices, values, end);
        }
    }

    private static bool Before(float v, int i, float w, int j) => v < w || (v == w && i < j);

    private static void SiftUp(Span<int> idx, Span<float> val, int at)
    {
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Before(val[parent], idx[parent], val[at], idx[at]))
            {
                return;
            }

            Swap(idx, val, parent, at);
            at = parent;
        }
    }

    private static void SiftDown(Span<int> idx, Span<float> val, int size)
    {
        var at = 0;
        while (true)
        {
            var largest = at;
            var l = (2 * at) + 1;
            var r = l + 1;
            if (l < size && Before(val[largest], idx[largest], val[l], idx[l]))
            {
                largest = l;
            }

            if (r < size && Before(val[largest], idx[largest], val[r], idx[r]))
            {
                largest = r;
            }

            if (largest == at)
            {
                return;
            }

            Swap(idx, val, at, largest);
            at = largest;
        }
    }

    private static void Swap(Span<int> idx, Span<float> val, int a, int b)
    {
        (idx[a], idx[b]) = (idx[b], idx[a]);
        (val[a], val[b]) = (val[b], val[a]);
    }
}
