using System.Diagnostics;
using ModelAudit.Reporting;

namespace ModelAudit.Tests.Reporting;

/// <summary>Opens the HTML report in headless Chromium (installed by .ci/run) and checks what a reader would see.</summary>
public sealed class HtmlReportBrowserTests
{
    [Fact]
    public void Report_InChromium_LoadsWithSummaryTableAndDecodedImages()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        chromium.Should().NotBeNull("Chromium is needed for this test: apt-get install chromium (.ci/run does this)");
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

        var dom = RunChromium(chromium!, folder, "--dump-dom", page);

        dom.Should().Contain("data-probe=\"images 1/1 rows 2\"");
        dom.Should().Contain("&lt;script&gt;alert", "hostile titles stay text");
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
