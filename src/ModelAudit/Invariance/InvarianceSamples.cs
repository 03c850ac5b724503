namespace ModelAudit.Invariance;

/// <summary>
/// A sweep before averaging: the values, the measured layers, and each image's samples in image order. Averages are
/// always taken image by image in that order, so sweeps measured in shards and put back in order give the same curve,
/// bit for bit, as one sweep over every image.
/// </summary>
internal sealed record InvarianceSamples(IReadOnlyList<double> Values, IReadOnlyList<string> Layers, IReadOnlyList<InvarianceImageSamples> Images)
{
    public InvarianceCurve Curve(string model, Transform transform, bool targetsFromLabels)
    {
        var n = Images.Count;
        var points = new InvariancePoint[Values.Count];
        for (var v = 0; v < Values.Count; v++)
        {
            double sum = 0;
            var agree = 0;
            foreach (var image in Images)
            {
                sum += image.Probability[v];
                agree += image.Agrees[v] ? 1 : 0;
            }

            var mean = sum / n;
            double squares = 0;
            foreach (var image in Images)
            {
                squares += (image.Probability[v] - mean) * (image.Probability[v] - mean);
            }

            var distance = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var l = 0; l < Layers.Count; l++)
            {
                double d = 0;
                foreach (var image in Images)
                {
                    d += image.Distance[l][v];
                }

                distance[Layers[l]] = d / n;
            }

            points[v] = new InvariancePoint(Values[v], mean, Math.Sqrt(squares / n), (double)agree / n, distance);
        }

        return new InvarianceCurve(model, transform, n, targetsFromLabels, Layers, points);
    }

    /// <summary>The images of <paramref name="parts"/> in run order: image <c>i</c> of part <c>p</c> goes to <c>positions[p][i]</c>.</summary>
    public static InvarianceSamples InOrder(IReadOnlyList<InvarianceSamples> parts, IReadOnlyList<IReadOnlyList<int>> positions) =>
        new(parts[0].Values, parts[0].Layers, parts.SelectMany((part, p) => part.Images.Select((image, i) => (Position: positions[p][i], Image: image)))
            .OrderBy(x => x.Position).Select(x => x.Image).ToArray());
}
