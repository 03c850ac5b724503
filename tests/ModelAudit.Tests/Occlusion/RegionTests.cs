using ModelAudit.Occlusion.Incremental;

namespace ModelAudit.Tests.Occlusion;

/// <summary>Crops of a map with a patch pasted over them, against a value-by-value reference, over many shapes.</summary>
public sealed class RegionTests
{
    [Fact]
    public void CropInto_AnyWindowAndPatch_EqualsTheValueByValueDefinition()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 2000; trial++)
        {
            var (channels, height, width) = (rng.Next(1, 4), rng.Next(1, 30), rng.Next(1, 45));
            var map = new Region(Enumerable.Range(0, channels * height * width).Select(i => (float)i).ToArray(), channels, height, width);
            var (ch, cw) = (rng.Next(1, height + 6), rng.Next(1, width + 6));
            var (top, left) = (rng.Next(-3, height), rng.Next(-3, width));
            var (ph, pw) = (rng.Next(0, height + 1), rng.Next(0, width + 1));
            var (py, px) = (rng.Next(0, height - ph + 1), rng.Next(0, width - pw + 1));
            var patch = Enumerable.Range(0, channels * ph * pw).Select(i => -1f - i).ToArray();
            var crop = new float[channels * ch * cw];

            map.CropInto(crop, top, left, ch, cw, float.NegativeInfinity, patch, (py, px, ph, pw));

            for (var c = 0; c < channels; c++)
            {
                for (var r = 0; r < ch; r++)
                {
                    for (var k = 0; k < cw; k++)
                    {
                        var (y, x) = (top + r, left + k);
                        var expected = y < 0 || y >= height || x < 0 || x >= width ? float.NegativeInfinity
                            : y >= py && y < py + ph && x >= px && x < px + pw ? patch[(((c * ph) + y - py) * pw) + x - px]
                            : map.Values[(((c * height) + y) * width) + x];
                        crop[(((c * ch) + r) * cw) + k].Should().Be(expected, $"trial {trial}: channel {c}, crop row {r}, column {k}");
                    }
                }
            }
        }
    }
}
