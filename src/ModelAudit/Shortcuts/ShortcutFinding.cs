namespace ModelAudit.Shortcuts;

/// <summary>What the scan concluded for one class.</summary>
public enum ShortcutFinding
{
    /// <summary>The evidence follows the images: not concentrated in one fixed region, or occluding that region does not matter.</summary>
    Clear,

    /// <summary>The evidence sits in one small fixed region for the class's images, and occluding it there costs the class its accuracy.</summary>
    Shortcut,

    /// <summary>Too few maps, no correct predictions to lose, or a suspect region the counterfactual could not test: nothing either way.</summary>
    Inconclusive,
}
