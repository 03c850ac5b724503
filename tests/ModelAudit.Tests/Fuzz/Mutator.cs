namespace ModelAudit.Tests.Fuzz;

/// <summary>Seeded byte-level mutations: flips, truncation, insertion, overwrite with 0xFF and chunk duplication.</summary>
internal sealed class Mutator(int seed)
{
    private readonly Random _random = new(seed);

    public string Describe { get; private set; } = "";

    public byte[] Mutate(byte[] original)
    {
        var bytes = original.ToList();
        var kind = _random.Next(5);
        var at = _random.Next(Math.Max(1, bytes.Count));
        switch (kind)
        {
            case 0:
                var flips = _random.Next(1, 9);
                for (var i = 0; i < flips; i++)
                {
                    var p = _random.Next(bytes.Count);
                    bytes[p] ^= (byte)(1 << _random.Next(8));
                }

                Describe = $"flip {flips} bits";
                break;
            case 1:
                bytes.RemoveRange(at, bytes.Count - at);
                Describe = $"truncate at {at}";
                break;
            case 2:
                var insert = new byte[_random.Next(1, 64)];
                _random.NextBytes(insert);
                bytes.InsertRange(at, insert);
                Describe = $"insert {insert.Length} random bytes at {at}";
                break;
            case 3:
                var length = Math.Min(_random.Next(1, 9), bytes.Count - at);
                for (var i = 0; i < length; i++)
                {
                    bytes[at + i] = 0xFF;
                }

                Describe = $"overwrite {length} bytes at {at} with 0xFF";
                break;
            default:
                var size = Math.Min(_random.Next(1, 256), bytes.Count - at);
                bytes.InsertRange(_random.Next(bytes.Count), bytes.GetRange(at, size));
                Describe = $"duplicate {size} bytes from {at}";
                break;
        }

        return [.. bytes];
    }
}
