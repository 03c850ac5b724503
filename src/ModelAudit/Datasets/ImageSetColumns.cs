namespace ModelAudit.Datasets;

/// <summary>Where a labels file's header puts each column (-1: absent); <paramref name="Box"/> holds x, y, width, height, or is null.</summary>
internal sealed record ImageSetColumns(int Count, int File, int Label, IReadOnlyList<int>? Box, int Mask, int Text = -1);
