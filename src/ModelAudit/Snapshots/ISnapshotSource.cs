namespace ModelAudit.Snapshots;

/// <summary>A result that can be kept as an approved baseline: its metrics and pictures, as one snapshot.</summary>
public interface ISnapshotSource
{
    Snapshot ToSnapshot();
}
