namespace ModelAudit.Occlusion.Incremental;

/// <summary>Scratch arrays that grow to the largest request and are then reused: fresh megabytes per call cost page faults.</summary>
internal static class Buffers
{
    public static void Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }
    }
}
