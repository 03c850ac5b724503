using ModelAudit.Models;

namespace ModelAudit.Cli;

/// <summary>
/// The config target that reads an output of a declared shape — what <c>inspect</c> prints and <c>init</c> writes.
/// Shapes include the batch axis: <c>[N, classes]</c> is class scores, <c>[N, K, 5 or 6]</c> detections,
/// <c>[N, T, classes]</c> a CTC sequence, <c>[N, C, H, W]</c> a map.
/// </summary>
internal static class TargetSuggestion
{
    /// <summary>The target kind (<c>class</c>, <c>detection</c>, <c>sequence</c>, <c>dense</c>), or null when no built-in target reads the shape.</summary>
    public static string? KindFor(TensorInfo output) => (output.Rank, output.Rank == 0 ? default : output.Shape[^1]) switch
    {
        (2, _) => "class",
        (3, { Value: 5 or 6 }) => "detection",
        (3, _) => "sequence",
        (4, _) => "dense",
        _ => null,
    };

    public static string Describe(TensorInfo output) => KindFor(output) switch
    {
        "class" => "class scores: no target needed (or { \"kind\": \"class\" })",
        "detection" => "detections [K, 5 or 6]: { \"kind\": \"detection\" }",
        "sequence" => "a sequence [T, classes] (CTC): { \"kind\": \"sequence\", \"charset\": \"…\" }",
        "dense" => "a map [C, H, W]: { \"kind\": \"dense\", \"channel\": 0 }",
        _ => "no built-in target reads this shape; use a CustomTarget from C#",
    };
}
