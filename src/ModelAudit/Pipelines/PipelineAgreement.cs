using System.Globalization;

namespace ModelAudit.Pipelines;

/// <summary>
/// How closely the batched engine, fed by the derived spec, reproduces an ML.NET pipeline on a set of images: the
/// largest difference over every output value, and where it was.
/// </summary>
/// <param name="Output">The ONNX output compared (the pipeline's output column).</param>
/// <param name="ImageCount">Images scored both ways.</param>
/// <param name="ValuesPerImage">Output values per image.</param>
/// <param name="MaxDifference">The largest |pipeline − engine| over all values.</param>
/// <param name="Tolerance">The largest difference accepted.</param>
/// <param name="WorstImage">The image of the largest difference (index into the images).</param>
/// <param name="WorstIndex">The output element of the largest difference.</param>
public sealed record PipelineAgreement(string Output, int ImageCount, int ValuesPerImage, double MaxDifference, double Tolerance, int WorstImage, int WorstIndex)
{
    /// <summary>True when every value agrees within <see cref="Tolerance"/>.</summary>
    public bool Agrees => MaxDifference <= Tolerance;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"max |pipeline - engine| {MaxDifference:G3} on '{Output}' over {ImageCount} images x {ValuesPerImage} values (tolerance {Tolerance:G3}; worst: image #{WorstImage}, element {WorstIndex})");
}
