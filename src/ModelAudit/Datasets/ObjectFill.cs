namespace ModelAudit.Datasets;

/// <summary>How <see cref="ShapeDataset.Generate"/> fills each object, and so whether its texture names the class.</summary>
public enum ObjectFill
{
    /// <summary>One flat colour: the outline is the only cue to the class.</summary>
    Solid = 0,

    /// <summary>
    /// Two colours in a pattern that names the class: circle horizontal stripes, square vertical stripes (both 2 pixels
    /// wide, period 4), triangle a checker of 2×2 cells, cross 2×2 dots every 5 pixels. Shape and texture then agree, as
    /// they do in natural images, and a model may learn either. Both colours contrast with the background as a solid
    /// object does, and the pattern follows the image grid, so it carries no outline of its own. With the same seed the
    /// images equal the solid ones outside the objects.
    /// </summary>
    PerClassTexture = 1,
}
