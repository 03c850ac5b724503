namespace ModelAudit.Faithfulness;

/// <summary>
/// One seed per perturbed input, from the user's seed and the input's place (SplitMix64's finaliser): results do not
/// depend on chunking or on the order threads run in.
/// </summary>
internal static class SeedMix
{
    public static int Of(int seed, int image, int input)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + ((ulong)(uint)image * 0xD1B54A32D192ED03UL) + (ulong)(uint)input;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)(z ^ (z >> 31));
        }
    }
}
