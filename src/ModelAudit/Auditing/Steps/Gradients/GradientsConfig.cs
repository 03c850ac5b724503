namespace ModelAudit.Auditing;

/// <summary>The <c>gradients</c> audit: saliency and Grad-CAM maps, gated on how much of their mass lies on the object.</summary>
public sealed record GradientsConfig : AuditSection
{
    /// <summary>How many images with a box get maps (images without a box do not count). Default 16; 0 disables the audit.</summary>
    public int MaxImages { get; init; } = 16;

    /// <summary>Pixels added around the object box when measuring mass inside it (gradients spill onto outlines). Default 2.</summary>
    public int BoxMargin { get; init; } = 2;

    /// <summary>Grad-CAM's layer (conv node or tensor); default the last conv over a spatial map.</summary>
    public string? Layer { get; init; }

    /// <summary>
    /// More attribution methods measured on the same images, each with its own mass-inside check against
    /// <see cref="MinMassInside"/>: <c>guided_backprop</c>, <c>deconvnet</c>, <c>integrated_gradients</c>, <c>smoothgrad</c>,
    /// <c>rise</c> (with each map's convergence change) or <c>lrp</c> (with each map's conservation error); their options
    /// are the top-level <c>methods</c> section's. Default none.
    /// </summary>
    [ConfigValues(typeof(GradientsConfig), nameof(MethodNames))]
    public string[] Methods { get; init; } = [];

    /// <summary>Gate for every method in <see cref="Methods"/>: mean share of its mass inside the object box, 0..1.</summary>
    public double? MinMassInside { get; init; }

    /// <summary>
    /// The spelling of each extra method in configs, and its name in reports: every map method but the two the section
    /// always makes and occlusion, which has a section of its own.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> MethodNames = MapMethods.Names
        .Where(m => m.Key is not ("saliency" or "grad_cam" or "occlusion"))
        .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);

    /// <summary>Gate: mean share of saliency mass inside the object box, 0..1.</summary>
    [ConfigSuggested(0.5)]
    public double? MinSaliencyMassInside { get; init; }

    /// <summary>Gate: mean share of Grad-CAM mass inside the object box, 0..1.</summary>
    [ConfigSuggested(0.45)]
    public double? MinGradCamMassInside { get; init; }

    /// <summary>
    /// Gate both maps per image instead of on the mean: the share of images (0..1) whose own mass inside the box reaches
    /// the map's threshold.
    /// </summary>
    public double? MinPassRate { get; init; }

    internal override void Validate(ConfigCheck check)
    {
        check.Threshold("min_saliency_mass_inside", MinSaliencyMassInside, 0, 1);
        check.Threshold("min_grad_cam_mass_inside", MinGradCamMassInside, 0, 1);
        check.Range("max_images", MaxImages, 0, 100_000);
        check.Range("min_pass_rate", MinPassRate, 0, 1);
        if (MinPassRate is not null && MinSaliencyMassInside is null && MinGradCamMassInside is null)
        {
            check.Fail("min_pass_rate", "needs min_saliency_mass_inside or min_grad_cam_mass_inside: it is the share of images whose mass inside the box reaches them.");
        }
        check.Range("box_margin", BoxMargin, 0, 4096);
        check.Threshold("min_mass_inside", MinMassInside, 0, 1);
        if (Methods.FirstOrDefault(m => !MethodNames.ContainsKey(m)) is { } unknown)
        {
            check.Fail("methods", $"names '{unknown}'; use {ConfigCheck.OneOf(MethodNames.Keys)}.");
        }

        if (MinMassInside is not null && Methods.Length == 0)
        {
            check.Fail("min_mass_inside", "gates the maps of 'methods', which names none; list them, e.g. \"methods\": [\"integrated_gradients\"].");
        }
    }
}
