using System.Diagnostics;
using ModelAudit;
using ModelAudit.Imaging;
using ModelAudit.Reporting;

namespace ModelAudit.Tests.Reporting;

/// <summary>
/// Opens the HTML report in headless Chromium and checks what a reader would see, on a desktop and a phone-width screen. On a developer machine without
/// Chromium the test is skipped, saying so; under CI (where .ci/run installs Chromium) a missing browser fails it.
/// </summary>
public sealed class HtmlReportBrowserTests
{
    [Fact]
    public void Report_InChromium_LoadsWithSummaryTableAndDecodedImages()
    {
        var chromium = Chromium();
        var folder = Directory.CreateTempSubdirectory("modelaudit-browser-").FullName;
        var html = HtmlReport.ToHtml(SampleRuns.WithHostileNames());

        // The report has no script of its own; the probe is added to a copy only, and reports what the page rendered.
        const string probe = """
            <script>window.addEventListener('load', () => {
              const imgs = [...document.images];
              const ok = imgs.filter(i => i.complete && i.naturalWidth > 0).length;
              const rows = document.querySelectorAll('#summary tbody tr').length;
              document.body.setAttribute('data-probe', `images ${ok}/${imgs.length} rows ${rows}`);
            });</script>
            """;
        var page = Path.Combine(folder, "probe.html");
        File.WriteAllText(page, html.Replace("</body>", probe + "</body>", StringComparison.Ordinal));

        var dom = RunChromium(chromium, folder, "--dump-dom", page);

        dom.Should().Contain("data-probe=\"images 1/1 rows 2\"");
        dom.Should().Contain("&lt;script&gt;alert", "hostile titles stay text");
    }

    [Fact]
    public void Report_InChromium_PicturesKeepTheirAspectOnAPhoneAndADesktop()
    {
        var chromium = Chromium();
        var folder = Directory.CreateTempSubdirectory("modelaudit-browser-").FullName;
        var wide = new ReportFigure("wide", "A wide plot.", RgbImage.Create(1200, 300, (x, y) => new Rgb((byte)x, (byte)y, 90)));
        var square = new ReportFigure("square", "A 224² map.", RgbImage.Create(224, 224, (x, y) => new Rgb((byte)y, (byte)x, 30)));
        var run = SampleRuns.WithHostileNames() with { Sections = [new ReportSection("Pictures", "Two.", new Dictionary<string, double>(), [wide, square])] };
        File.WriteAllText(Path.Combine(folder, "report.html"), HtmlReport.ToHtml(run));

        // Chromium windows are at least 500 px wide, so the phone is a 390-px frame; the page reads both frames once loaded.
        const string page = """
            <!DOCTYPE html><html><body>
            <iframe id="phone" src="report.html" style="width:390px;height:800px;border:0"></iframe>
            <iframe id="desktop" src="report.html" style="width:1400px;height:800px;border:0"></iframe>
            <script>window.addEventListener('load', () => {
              const probe = id => { const d = document.getElementById(id).contentDocument;
                return id + ' page ' + d.documentElement.scrollWidth + ' ' + [...d.images].map(i => { const r = i.getBoundingClientRect();
                  return i.alt + ' ' + i.naturalWidth + 'x' + i.naturalHeight + '=' + r.width.toFixed(1) + 'x' + r.height.toFixed(1); }).join(' '); };
              document.body.setAttribute('data-probe', probe('phone') + ' | ' + probe('desktop'));
            });</script></body></html>
            """;
        File.WriteAllText(Path.Combine(folder, "frames.html"), page);

        var dom = RunChromium(chromium, folder, "--allow-file-access-from-files", "--window-size=1500,900", "--dump-dom", Path.Combine(folder, "frames.html"));

        var probe = System.Text.RegularExpressions.Regex.Match(dom, "data-probe=\"([^\"]*)\"").Groups[1].Value;
        probe.Should().Contain("phone page").And.Contain("desktop page", "both frames load");
        foreach (var frame in probe.Split(" | "))
        {
            var width = frame.StartsWith("phone", StringComparison.Ordinal) ? 390 : 1400;
            var parts = frame.Split(' ');
            int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture).Should().BeLessThanOrEqualTo(width, "{0}: the page never scrolls sideways", frame);
            foreach (var image in parts.Skip(3).Chunk(2))
            {
                var sizes = image[1].Split('=');
                var natural = sizes[0].Split('x').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                var shown = sizes[1].Split('x').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                (shown[0] / shown[1]).Should().BeApproximately(natural[0] / natural[1], 0.03 * natural[0] / natural[1], "{0} in the {1} frame keeps its aspect", image[0], parts[0]);
                shown[0].Should().BeLessThanOrEqualTo(width, "{0} fits the {1} frame", image[0], parts[0]);
            }
        }
    }

    private static string Chromium()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            BuildEnvironment.IsCi().Should().BeFalse("CI must run the browser check: .ci/run installs Chromium (apt-get install chromium)");
            Assert.Skip("Chromium is not installed, so the report was not opened in a browser; apt-get install chromium to run this test (.ci/run installs it and requires it).");
        }

        return chromium;
    }

    private static string RunChromium(string chromium, string folder, params string[] args)
    {
        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(folder, "profile")}", "--virtual-time-budget=5000", .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue("Chromium should finish within a minute");
        stderr.Wait();
        return output;
    }
}
