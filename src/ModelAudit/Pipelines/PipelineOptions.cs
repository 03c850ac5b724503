using ModelAudit.Imaging;
using ModelAudit.Models;

namespace ModelAudit.Pipelines;

/// <summary>How <see cref="AuditModel.FromPipeline(Microsoft.ML.MLContext, Microsoft.ML.ITransformer, PipelineOptions?)"/> reads and checks an ML.NET pipeline.</summary>
public sealed record PipelineOptions
{
    /// <summary>
    /// The images the derived spec is checked on when the model is made: each is scored through the pipeline and through
    /// the batched engine. Default null: four generated images, one at the input size and three that the pipeline must
    /// resize (wider, taller, smaller). Pass a few of your own (of the sizes your service receives) for a sharper check;
    /// each costs one ML.NET row and one engine image.
    /// </summary>
    public IReadOnlyList<RgbImage>? Images { get; init; }

    /// <summary>The largest difference allowed between any pipeline output and the engine's, in the output's units. Default 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>How the batched engine runs (threads, batch size, device). Default: <see cref="EngineOptions"/>'s defaults.</summary>
    public EngineOptions? Engine { get; init; }

    internal void Validate()
    {
        if (!(Tolerance >= 0) || !double.IsFinite(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be a finite number ≥ 0: the largest pipeline-engine difference accepted.");
        }

        if (Images is { Count: 0 })
        {
            throw new ArgumentException("Images is empty: give at least one image to check the pipeline on, or leave it null for the generated ones.", nameof(Images));
        }
    }
}
