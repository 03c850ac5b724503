namespace ModelAudit.Baselines;

/// <summary>A baselines folder and the folder whose marker chose it: any folder from there down finds the same root.</summary>
internal sealed record BaselineRootLocation(string Root, string FoundFrom);
