using ModelAudit.Activations;
using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Visualisation;

/// <summary>
/// Projects strong activations back to pixel space with Zeiler &amp; Fergus's deconvnet: the backward pass is seeded
/// with the activation's value at its one position of its channel (all else zero), unpools through the forward max
/// switches and passes only positive signals through ReLUs. Global pools (squeeze-and-excitation gates) are held
/// constant, as the receptive field treats them, so the projection is zero outside the position's receptive field.
/// </summary>
public sealed class DeconvnetProjection(AuditModel model)
{
    /// <summary>Projects every patch of <paramref name="top"/>, computed on <paramref name="probes"/>.</summary>
    public TopActivationProjections Compute(TopActivations top, IReadOnlyList<RgbImage> probes)
    {
        ArgumentNullException.ThrowIfNull(top);
        ArgumentNullException.ThrowIfNull(probes);
        var patches = top.Channels.SelectMany(row => row).ToArray();
        var bad = patches.FirstOrDefault(p => p.Probe < 0 || p.Probe >= probes.Count);
        if (bad is not null)
        {
            throw new ArgumentException($"Top activations refer to probe {bad.Probe}, but {probes.Count} probes were given; pass the probes they were computed on.", nameof(probes));
        }

        var runner = GradientRunner.For(model);
        var engine = runner.Engine(top.Layer, null, ReluRule.Deconvnet, BackwardFlags.LocalOnly);
        if (engine.TargetShape.Length != 3)
        {
            throw new ArgumentException($"Layer '{top.Layer}' has per-image shape [{string.Join(",", engine.TargetShape)}]; projections need a [C, H, W] feature map.", nameof(top));
        }

        var (h, w) = (engine.TargetShape[1], engine.TargetShape[2]);
        var n = engine.InputLength;
        var inputs = new float[patches.Length * n];
        var seeds = new float[patches.Length * engine.TargetLength];
        for (var i = 0; i < patches.Length; i++)
        {
            model.Spec.WriteTensor(probes[patches[i].Probe], inputs.AsSpan(i * n, n));
            seeds[(i * engine.TargetLength) + (((patches[i].Channel * h) + patches[i].Row) * w) + patches[i].Column] = (float)patches[i].Value;
        }

        var gradient = engine.Run(inputs, seeds, patches.Length).Gradient;
        var projections = patches.Select((p, i) => Project(p, gradient.AsSpan(i * n, n), runner)).ToArray();
        var rows = new List<IReadOnlyList<ActivationProjection>>();
        var next = 0;
        foreach (var row in top.Channels)
        {
            rows.Add(projections[next..(next + row.Count)]);
            next += row.Count;
        }

        return new TopActivationProjections(top.Layer, top.Field, top.ChannelNumbers, rows);
    }

    private ActivationProjection Project(ActivationPatch patch, ReadOnlySpan<float> chw, GradientRunner runner)
    {
        var spec = model.Spec;
        var plane = spec.Width * spec.Height;
        var scale = 0f;
        foreach (var v in chw)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        // Z&F show projections in colour around grey, each scaled to its own largest value.
        var colour = new float[chw.Length];
        for (var c = 0; c < spec.ChannelCount; c++)
        {
            var (min, max) = spec.ValueRange(c);
            for (var p = 0; p < plane; p++)
            {
                var t = scale > 0 ? chw[(c * plane) + p] / scale : 0;
                colour[(c * plane) + p] = ((min + max) / 2) + ((max - min) / 2 * t);
            }
        }

        var image = InputTensor.ToImage(spec, colour);
        var box = patch.Box;
        var crop = RgbImage.Create(box.Width, box.Height, (x, y) =>
            image.Bounds.Contains(box.X + x, box.Y + y) ? image[box.X + x, box.Y + y] : new Rgb(128, 128, 128));
        return new ActivationProjection(patch, spec.Width, spec.Height, runner.AbsMaxOverChannels(chw), crop);
    }
}
