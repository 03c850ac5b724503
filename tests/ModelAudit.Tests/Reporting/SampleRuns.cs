using ModelAudit.Imaging;
using ModelAudit.Reporting;

namespace ModelAudit.Tests.Reporting;

internal static class SampleRuns
{
    public static AuditRun WithHostileNames() => new(
        "Audit of <script>alert('x')</script>",
        new Provenance("model<&>.onnx", new string('a', 64), "3x64x64 Rgb", new string('b', 64), 3, "0.1.0",
            new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), new Dictionary<string, string> { ["seed"] = "1000", ["classes"] = "cat \"&\" dog" }),
        [
            CheckResult.Of("occlusion", "mass inside box", 0.72, Comparison.AtLeast, 0.6),
            CheckResult.Of("filters", "dead filters", 2, Comparison.AtMost, 0, "filters 3, 9 <dead>"),
        ],
        [
            new ReportSection("Occlusion <b>", "Zeiler & Fergus", new Dictionary<string, double> { ["z"] = 1, ["a"] = 0.5 },
                [new ReportFigure("map", "a <caption>", RgbImage.Create(8, 6, (x, y) => new Rgb((byte)(x * 30), (byte)(y * 40), 100)))]),
        ]);
}
