using System.Globalization;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Imaging;
using ModelAudit.Models;
using ModelAudit.Occlusion;
using ModelAudit.Rise;
using ModelAudit.Targets;

namespace ModelAudit.Auditing;

/// <summary>
/// The map methods a config can name (<c>"saliency"</c>, <c>"occlusion"</c>, …): the one table that says how each
/// makes its maps for a set of images and a target, what it is called in reports and how far its maps can be trusted.
/// The gradients, faithfulness and shortcut audits all read it.
/// </summary>
internal static class MapMethods
{
    private static readonly MapMethod[] All =
    [
        new("saliency", "saliency", (model, images, target, _, _) => new Saliency(model).Compute(images, new SaliencyOptions { Target = target })),
        new("occlusion", "occlusion", (model, images, target, _, _) => new OcclusionSensitivity(model).Compute(images, OcclusionFor(model, target))),
        new("grad_cam", "Grad-CAM", (model, images, target, _, _) => new GradCam(model).Compute(images, new GradCamOptions { Target = target })),
        new("guided_backprop", "guided backpropagation", (model, images, target, _, _) =>
            new Saliency(model).Compute(images, new SaliencyOptions { Target = target, Method = SaliencyMethod.GuidedBackprop })),
        new("deconvnet", "deconvnet", (model, images, target, _, _) =>
            new Saliency(model).Compute(images, new SaliencyOptions { Target = target, Method = SaliencyMethod.Deconvnet })),
        new("integrated_gradients", "integrated gradients", (model, images, target, _, advanced) =>
            OneByOne(images, i => new IntegratedGradients(model).Compute(i, new IntegratedGradientsOptions { Target = target }), advanced)),
        new("smoothgrad", "SmoothGrad", (model, images, target, _, advanced) =>
            OneByOne(images, i => new SmoothGrad(model).Compute(i, new SmoothGradOptions { Target = target }), advanced)),
        new("rise", "RISE", (model, images, target, options, _) => new RandomisedInputSampling(model).Compute(images, options.Rise.Options(target)))
        {
            Settings = options => options.Rise.Describe(),
            Reliability = new(
                "convergence_change",
                "convergence change",
                "how far the map moved between the first half of the masks and all of them, ‖Δ‖/‖map‖ with means removed: about the share of the map that is sampling noise",
                0.3,
                "raise methods.rise.masks (the noise falls as 1/√masks: 4× the masks halve it)",
                "masks")
            {
                Caption = (_, map) => string.Create(CultureInfo.InvariantCulture, $"{map.Diagnostics["masks"]:0} masks"),
            },
        },
        new("lrp", "LRP", (model, images, target, options, _) => new LayerwiseRelevance(model).Compute(images, options.Lrp.Options(target)))
        {
            Settings = options => options.Lrp.Describe(),
            Reliability = new(
                "conservation_error",
                "conservation error",
                "how far the relevance reaching the image is from the target's score, |Σ relevance − score| / |score|",
                0.25,
                "the map's values are not shares of the score: biases keep some and ε absorbs some (lower methods.lrp.epsilon), and the epsilon and epsilon_alpha2_beta1 composites amplify relevance on deep nets where epsilon_plus does not",
                "epsilon")
            {
                Caption = (options, map) => string.Create(CultureInfo.InvariantCulture,
                    $"{options.Lrp.Options(null).Rules}; relevance {map.Diagnostics["relevance_sum"]:0.###} reached the image, against a score of {map.Score:0.###}"),
            },
        },
    ];

    private static readonly Dictionary<string, MapMethod> BySpelling = All.ToDictionary(m => m.Spelling, StringComparer.Ordinal);

    /// <summary>Config spelling → name in reports.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = All.ToDictionary(m => m.Spelling, m => m.Name, StringComparer.Ordinal);

    public static string Spellings => string.Join(", ", Names.Keys.Select(k => $"\"{k}\""));

    /// <summary>The method a config spells <paramref name="spelling"/> (a key of <see cref="Names"/>).</summary>
    public static MapMethod Of(string spelling) => BySpelling.TryGetValue(spelling, out var method)
        ? method
        : throw new ArgumentException($"Unknown map method '{spelling}'; use {Spellings}.", nameof(spelling));

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

    /// <summary>
    /// One map per image by <paramref name="method"/> (a key of <see cref="Names"/>), explaining <paramref name="target"/>,
    /// with the config's <paramref name="options"/> (the defaults when null).
    /// </summary>
    /// <remarks>
    /// Integrated gradients and SmoothGrad run one image at a time and tell <paramref name="advanced"/> how many are
    /// done after each; the other methods run the images together.
    /// </remarks>
    public static IReadOnlyList<IPixelMap> Compute(AuditModel model, IReadOnlyList<LabeledImage> images, string method, Target? target, MethodsConfig? options = null, Action<int>? advanced = null) =>
        Of(method).Compute(model, images, target, options ?? new MethodsConfig(), advanced);

    private static IPixelMap[] OneByOne(IReadOnlyList<LabeledImage> images, Func<LabeledImage, IPixelMap> compute, Action<int>? advanced) =>
        images.Select((image, n) =>
        {
            var map = compute(image);
            advanced?.Invoke(n + 1);
            return map;
        }).ToArray();
}
