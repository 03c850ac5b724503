using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Targets;

namespace ModelAudit.Auditing;

/// <summary>
/// The map methods a config can name (<c>"saliency"</c>, <c>"occlusion"</c>, …) and how each makes its maps for a
/// set of images and a target: what the shortcut and faithfulness audits share.
/// </summary>
internal static class MapMethods
{
    /// <summary>Config spelling → name in reports.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["saliency"] = "saliency",
        ["occlusion"] = "occlusion",
        ["grad_cam"] = "Grad-CAM",
        ["guided_backprop"] = "guided backpropagation",
        ["deconvnet"] = "deconvnet",
        ["integrated_gradients"] = "integrated gradients",
        ["smoothgrad"] = "SmoothGrad",
        ["rise"] = "RISE",
        ["lrp"] = "LRP (ε + z⁺ + zᴮ)",
    };

    public static string Spellings => string.Join(", ", Names.Keys.Select(k => $"\"{k}\""));

    /// <summary>
    /// Occlusion's window for a method-agnostic audit: an eighth of the shorter side (at least 4 px), moved by half a
    /// window, so a map costs about 225 forward passes at any input size.
    /// </summary>
    public static OcclusionOptions OcclusionFor(AuditModel model, Target? target)
    {
        var window = DefaultWindow(model.Spec.Width, model.Spec.Height);
        return new OcclusionOptions { Window = window, Stride = Math.Max(1, window / 2), Target = target, Score = OcclusionScore.LogOdds };
    }

    /// <summary>An eighth of the shorter side, at least 4 pixels: the occlusion window the audits default to.</summary>
    public static int DefaultWindow(int width, int height) => Math.Max(4, Math.Min(width, height) / 8);

    /// <summary>One map per image by <paramref name="method"/> (a key of <see cref="Names"/>), explaining <paramref name="target"/>.</summary>
    /// <remarks>
    /// Integrated gradients and SmoothGrad run one image at a time and tell <paramref name="advanced"/> how many are
    /// done after each; the other methods run the images together.
    /// </remarks>
    public static IReadOnlyList<IPixelMap> Compute(AuditModel model, IReadOnlyList<LabeledImage> images, string method, Target? target, Action<int>? advanced = null) => method switch
    {
        "saliency" => new Saliency(model).Compute(images, new SaliencyOptions { Target = target }),
        "guided_backprop" => new Saliency(model).Compute(images, new SaliencyOptions { Target = target, Method = SaliencyMethod.GuidedBackprop }),
        "deconvnet" => new Saliency(model).Compute(images, new SaliencyOptions { Target = target, Method = SaliencyMethod.Deconvnet }),
        "grad_cam" => new GradCam(model).Compute(images, new GradCamOptions { Target = target }),
        "integrated_gradients" => OneByOne(images, i => new IntegratedGradients(model).Compute(i, new IntegratedGradientsOptions { Target = target }), advanced),
        "smoothgrad" => OneByOne(images, i => new SmoothGrad(model).Compute(i, new SmoothGradOptions { Target = target }), advanced),
        "occlusion" => new OcclusionSensitivity(model).Compute(images, OcclusionFor(model, target)),
        "rise" => new Rise.RandomisedInputSampling(model).Compute(images, new Rise.RiseOptions { Target = target }),
        "lrp" => new LayerwiseRelevance(model).Compute(images, new LrpOptions { Target = target }),
        _ => throw new ArgumentException($"Unknown map method '{method}'; use {Spellings}.", nameof(method)),
    };

    private static IPixelMap[] OneByOne(IReadOnlyList<LabeledImage> images, Func<LabeledImage, IPixelMap> compute, Action<int>? advanced) =>
        images.Select((image, n) =>
        {
            var map = compute(image);
            advanced?.Invoke(n + 1);
            return map;
        }).ToArray();
}
