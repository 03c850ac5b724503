using System.Text.Json.Serialization;
using ModelAudit.Activations;

namespace ModelAudit.Auditing;

/// <summary>
/// What one audit measured on one shard of the images: the raw numbers its gates are computed from, so that shards
/// run on different machines combine into exactly the result one run over all images would give.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "audit")]
[JsonDerivedType(typeof(FiltersPartial), "filters")]
[JsonDerivedType(typeof(ActivationsPartial), "activations")]
[JsonDerivedType(typeof(InvariancePartial), "invariance")]
[JsonDerivedType(typeof(EmbeddingsPartial), "embeddings")]
[JsonDerivedType(typeof(OcclusionPartial), "occlusion")]
[JsonDerivedType(typeof(GradientsPartial), "gradients")]
internal abstract record StepPartial;

/// <summary>Filters depend on the weights only: nothing per image.</summary>
internal sealed record FiltersPartial : StepPartial;

internal sealed record ActivationsPartial(int ProbeCount, IReadOnlyList<LayerActivationStatistics> Layers) : StepPartial;

/// <summary>Per transform value: mean and population std of P(target), top-1 agreement and mean feature distance per layer.</summary>
internal sealed record InvariancePoints(
    string Kind,
    IReadOnlyList<double> Values,
    IReadOnlyList<string> Layers,
    IReadOnlyList<double> ProbabilityMean,
    IReadOnlyList<double> ProbabilityStd,
    IReadOnlyList<double> Agreement,
    IReadOnlyList<IReadOnlyList<double>> Distance);

internal sealed record InvariancePartial(int ImageCount, IReadOnlyList<InvariancePoints> Curves) : StepPartial;

internal sealed record EmbeddingsPartial(string Layer, int Dimension, IReadOnlyList<string> Ids, IReadOnlyList<int> Labels, float[] Features) : StepPartial;

/// <summary>Per occluded image: its id, the share of drop mass inside its (inflated) box, and whether the peak fell inside.</summary>
internal sealed record OcclusionPartial(IReadOnlyList<string> Ids, IReadOnlyList<double> MassInside, IReadOnlyList<bool> PeakInside) : StepPartial;
