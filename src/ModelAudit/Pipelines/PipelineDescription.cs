namespace ModelAudit.Pipelines;

/// <summary>
/// The ML.NET pipeline a model was read from (<see cref="Models.AuditModel.Pipeline"/>): its steps as ModelAudit read
/// them, the columns, and the agreement check run when the model was made. Reports carry it as provenance.
/// </summary>
/// <param name="Transforms">The steps from the image column to the ONNX model, in order, with their settings.</param>
/// <param name="Ignored">Steps that are not on the image's path (other columns, or after the model): not audited.</param>
/// <param name="ImageColumn">The pipeline's input column: image paths (LoadImages) or images (MLImage).</param>
/// <param name="OutputColumn">The ONNX output compared.</param>
/// <param name="MlNetVersion">The Microsoft.ML version that ran it.</param>
/// <param name="Agreement">The check on <see cref="PipelineOptions.Images"/> when the model was made.</param>
public sealed record PipelineDescription(
    IReadOnlyList<string> Transforms,
    IReadOnlyList<string> Ignored,
    string ImageColumn,
    string OutputColumn,
    string MlNetVersion,
    PipelineAgreement Agreement)
{
    public override string ToString() => string.Join(" -> ", Transforms);
}
