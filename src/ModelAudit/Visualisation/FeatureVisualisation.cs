using ModelAudit.Imaging;
using ModelAudit.Snapshots;

namespace ModelAudit.Visualisation;

/// <summary>
/// An image optimised by gradient ascent for <see cref="Objective"/> (activation maximisation or DeepDream).
/// <see cref="ObjectiveValues"/> holds the objective at the start and after every step, measured on the unshifted
/// image; <see cref="Start"/> is the image the ascent began from when one was given.
/// </summary>
public sealed record FeatureVisualisation(string Objective, RgbImage Image, IReadOnlyList<double> ObjectiveValues, RgbImage? Start = null) : ISnapshotSource
{
    /// <summary>The objective after the last step.</summary>
    public double FinalObjective => ObjectiveValues[^1];

    /// <summary>The image (after the start image, when there is one) enlarged <paramref name="scale"/> times, captioned.</summary>
    public RgbImage Render(int scale = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        RgbImage[] tiles = Start is null ? [Image] : [Start, Image];
        string[] captions = Start is null ? [Objective] : ["start", Objective];
        return TileGrid.Compose(tiles, tiles.Length, scale, gap: 2, captions: captions);
    }

    public Snapshot ToSnapshot() => Snapshot.Of(
        new Dictionary<string, double>(StringComparer.Ordinal) { ["objective_start"] = ObjectiveValues[0], ["objective_final"] = FinalObjective, ["steps"] = ObjectiveValues.Count - 1 },
        ("image", Image));

    public override string ToString() => $"{Objective}: {ObjectiveValues[0]:G4} -> {FinalObjective:G4} in {ObjectiveValues.Count - 1} steps";
}
