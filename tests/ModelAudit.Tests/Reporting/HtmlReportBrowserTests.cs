using System.Diagnostics;
using ModelAudit;
using ModelAudit.Reporting;

namespace ModelAudit.Tests.Reporting;

/// <summary>
/// Opens the HTML report in headless Chromium and checks what a reader would see. On a developer machine without
/// Chromium the test is skipped, saying so; under CI (where .ci/run installs Chromium) a missing browser fails it.
/// </summary>
public sealed class HtmlReportBrowserTests
{
    [Fact]
    public void Report_InChromium_LoadsWithSummaryTableAndDecodedImages()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            BuildEnvironment.IsCi().Should().BeFalse("CI must run the browser check: .ci/run installs Chromium (apt-get install chromium)");
            Assert.Skip("Chromium is not installed, so the report was not opened in a browser; apt-get install chromium to run this test (.ci/run installs it and requires it).");
        }

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
