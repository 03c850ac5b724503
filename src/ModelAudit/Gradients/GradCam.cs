using ModelAudit.Datasets;
using ModelAudit.Gradients.Backward;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Targets;

namespace ModelAudit.Gradients;

/// <summary>
/// Grad-CAM (Selvaraju et al.): a layer's feature maps weighted by the spatial mean of the target's gradient,
/// summed, passed through ReLU and upsampled bilinearly to the input size. Guided Grad-CAM multiplies that
/// coarse map with guided backpropagation for pixel-level detail (<see cref="GradCamOptions.Guided"/>).
/// </summary>
public sealed class GradCam(AuditModel model)
{
    public AttributionMap Compute(RgbImage image, GradCamOptions? options = null) => Compute([image], options)[0];

    public IReadOnlyList<AttributionMap> Compute(IReadOnlyList<RgbImage> images, GradCamOptions? options = null) =>
        Compute(images, images.Select(TargetImage.Of).ToArray(), options);

    /// <summary>As for plain images; the target may use each image's label, box, mask or text.</summary>
    public IReadOnlyList<AttributionMap> Compute(IReadOnlyList<LabeledImage> images, GradCamOptions? options = null) =>
        Compute(images.Select(i => i.Image).ToArray(), images.Select(TargetImage.Of).ToArray(), options);

    private AttributionMap[] Compute(IReadOnlyList<RgbImage> images, TargetImage[] about, GradCamOptions? options)
    {
        ArgumentNullException.ThrowIfNull(images);
        var o = options ?? new GradCamOptions();
        o.Validate();
        var runner = GradientRunner.For(model);
        var layer = Layer(o.Layer);
        var tensors = runner.Tensors(images);
        var (bound, readings) = runner.Read(o.Target, tensors, about);
        var engine = runner.Engine(bound.Tensor, layer, ReluRule.Gradient);
        if (engine.WrtShape.Length != 3)
        {
            throw new GradientException($"Grad-CAM needs a [C, H, W] feature map, but '{layer}' of '{model.Name}' has per-image shape [{string.Join(",", engine.WrtShape)}].");
        }

        var seeds = runner.Seeds(bound, readings, tensors);
        var result = engine.Run(tensors, seeds, images.Count);
        var cams = images.Select((image, i) => new AttributionMap($"grad-cam({layer})", runner.AtInputSize(image), readings[i],
            GradientRunner.Score(readings[i], result, bound, i), runner.Width, runner.Height,
            Cam(result.Wrt!.AsSpan(i * engine.WrtLength, engine.WrtLength), result.Gradient.AsSpan(i * engine.WrtLength, engine.WrtLength), engine.WrtShape, runner))).ToArray();
        return o.Guided ? Guided(cams, tensors, seeds, bound.Tensor, runner) : cams;
    }

    /// <summary>Guided Grad-CAM: guided backpropagation's per-pixel map times the Grad-CAM map.</summary>
    private static AttributionMap[] Guided(AttributionMap[] cams, float[] tensors, float[] seeds, string target, GradientRunner runner)
    {
        var engine = runner.Engine(target, null, ReluRule.Guided);
        var guided = engine.Run(tensors, seeds, cams.Length).Gradient;
        return cams.Select((cam, i) =>
        {
            var map = runner.AbsMaxOverChannels(guided.AsSpan(i * engine.InputLength, engine.InputLength));
            for (var p = 0; p < map.Length; p++)
            {
                map[p] *= cam[p % cam.Width, p / cam.Width];
            }

            return new AttributionMap("guided-" + cam.Method, cam.Image, cam.TargetClass, cam.TargetName, cam.Score, cam.Width, cam.Height, map);
        }).ToArray();
    }

    private static float[] Cam(ReadOnlySpan<float> activations, ReadOnlySpan<float> gradient, int[] shape, GradientRunner runner)
    {
        var (channels, h, w) = (shape[0], shape[1], shape[2]);
        var coarse = new float[h * w];
        for (var c = 0; c < channels; c++)
        {
            var weight = 0.0;
            for (var p = 0; p < h * w; p++)
            {
                weight += gradient[(c * h * w) + p];
            }

            weight /= h * w;
            for (var p = 0; p < h * w; p++)
            {
                coarse[p] += (float)(weight * activations[(c * h * w) + p]);
            }
        }

        for (var p = 0; p < coarse.Length; p++)
        {
            coarse[p] = Math.Max(0, coarse[p]);
        }

        return Upsample.Bilinear(coarse, w, h, runner.Width, runner.Height);
    }

    private string Layer(string? requested)
    {
        if (requested is not null)
        {
            return model.Graph.ConvLayers.FirstOrDefault(c => c.NodeName == requested)?.Output ?? requested;
        }

        var pooled = new HashSet<string>(["GlobalAveragePool", "GlobalMaxPool", "ReduceMean"], StringComparer.Ordinal);
        var conv = model.Graph.ConvLayers.LastOrDefault(c => model.Graph.ProducerOf(c.Input) is not { } p || !pooled.Contains(p.OpType))
            ?? throw new GradientException($"'{model.Name}' has no convolution over a spatial map; set GradCamOptions.Layer.");

        // Grad-CAM weighs rectified feature maps: prefer the ReLU right after the conv when there is one.
        var consumers = model.Graph.ConsumersOf(conv.Output).ToArray();
        return consumers is [{ OpType: "Relu" } relu] ? relu.Outputs[0] : conv.Output;
    }
}
