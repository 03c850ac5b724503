using ModelAudit.Reporting;

namespace ModelAudit.Auditing;

/// <summary>The activations section's pictures: one image's channels, and the top probe patches with their receptive field size.</summary>
internal sealed record ActivationFigures(ReportFigure Grid, ReportFigure TopPatches, int FieldHeight, int FieldWidth);
