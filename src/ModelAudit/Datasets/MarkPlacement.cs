namespace ModelAudit.Datasets;

/// <summary>Where <see cref="ShapeDatasetOptions.ShortcutMark"/> stamps its checker, and so what gives the class away.</summary>
public enum MarkPlacement
{
    /// <summary>
    /// At <see cref="ShapeDataset.MarkBox"/> in the top-left corner for every class, in a colour pair that names the class.
    /// Objects stay out of <see cref="ShapeDataset.MarkCorner"/>.
    /// </summary>
    Corner = 0,

    /// <summary>
    /// One black-and-white checker for every class, at a place that names the class (<see cref="ShapeDataset.MarkBoxOf"/>):
    /// circle top centre, square left middle, triangle top right, cross bottom left. Objects stay at least 4 pixels away
    /// from all four places, so any class's mark can be stamped on any image without touching the object.
    /// </summary>
    PerClass = 1,
}
