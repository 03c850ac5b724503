namespace ModelAudit.Auditing;

/// <summary>
/// Every audit a config can name, in the order a run performs them. The config reader, the runner, shard files and the
/// reports all read this one list: adding an audit is a folder under <c>Steps/</c> and one line here.
/// </summary>
internal static class AuditRegistry
{
    public static IReadOnlyList<AuditStepKind> All { get; } =
    [
        AuditStepKind.Of<OcclusionConfig, OcclusionPartial>("occlusion", section => new OcclusionStep(section)),
        AuditStepKind.Of<FiltersConfig, FiltersPartial>("filters", section => new FiltersStep(section)),
        AuditStepKind.Of<ActivationsConfig, ActivationsPartial>("activations", section => new ActivationsStep(section)),
        AuditStepKind.Of<InvarianceConfig, InvariancePartial>("invariance", section => new InvarianceStep(section)),
        AuditStepKind.Of<EmbeddingsConfig, EmbeddingsPartial>("embeddings", section => new EmbeddingsStep(section)),
        AuditStepKind.Of<GradientsConfig, GradientsPartial>("gradients", section => new GradientsStep(section)),
        AuditStepKind.Of<EquivarianceConfig, EquivariancePartial>("equivariance", section => new EquivarianceStep(section)),
        AuditStepKind.Of<ShortcutConfig, ShortcutPartial>("shortcut", section => new ShortcutStep(section)),
        AuditStepKind.Of<FaithfulnessConfig, FaithfulnessPartial>("faithfulness", section => new FaithfulnessStep(section)),
        AuditStepKind.Of<TextureConfig, TexturePartial>("texture", section => new TextureStep(section)),
    ];

    public static AuditStepKind? Named(string name) => All.FirstOrDefault(k => k.Name == name);

    public static AuditStepKind Of(AuditSection section) =>
        All.FirstOrDefault(k => k.Section == section.GetType())
        ?? throw new ArgumentException($"{section.GetType().Name} is not a registered audit section.", nameof(section));

    public static string Names => string.Join(", ", All.Select(k => k.Name));
}
