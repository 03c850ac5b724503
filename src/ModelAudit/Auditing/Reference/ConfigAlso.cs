namespace ModelAudit.Auditing;

/// <summary>A second form a config key accepts besides its declared type (<see cref="ConfigAlsoAttribute"/>).</summary>
internal enum ConfigAlso
{
    /// <summary>An array of 1 or 3 numbers (one for every channel, or one per channel).</summary>
    ChannelNumbers,

    /// <summary>A class index: a whole number from 0.</summary>
    ClassIndex,

    /// <summary>The name of a text file holding the list, one entry per line.</summary>
    TextFile,
}
