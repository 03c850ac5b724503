using System.Globalization;
using ModelAudit.Auditing;
using ModelAudit.Cli;
using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Reporting;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Auditing;

/// <summary>A gate never passes what it did not measure: every configured check shows in every report with its verdict.</summary>
public sealed class VerdictTests
{
    private const string BoxGates = """
        "occlusion": { "window": 8, "stride": 8, "max_images": 4, "min_mass_inside": 0.5, "min_pointing_game": 0.5 },
        "gradients": { "max_images": 4, "min_saliency_mass_inside": 0.3 },
        "filters": { "max_dead_filters": 0 }
        """;

    [Fact]
    public void Audit_ImagesWithoutBoxes_ReportsTheBoxGatesAsNotMeasuredEverywhereAndFails()
    {
        var (exit, output, folder) = Audit(FolderWithoutBoxes(12), BoxGates);

        exit.Should().Be(ExitCodes.AuditFailed, "checks that were not measured close the gate");
        output.Should().Contain("NOT MEASURED  occlusion: mean share of occlusion drop mass inside the object box: not measured, required at least 0.5 (no image has an object box");
        output.Should().Contain("NOT MEASURED  gradients: mean share of saliency mass inside the object box: not measured");
        output.Should().Contain("pass  filters: dead filters in conv1").And.Contain("3 of 4 checks not measured");
        File.ReadAllText(Path.Combine(folder, "report.json")).Should().Contain("\"verdict\": \"not_measured\"").And.Contain("\"measured\": null");
        File.ReadAllText(Path.Combine(folder, "junit.xml")).Should().Contain("<failure message=\"NOT MEASURED: mean share of occlusion drop mass inside the object box: not measured");
        File.ReadAllText(Path.Combine(folder, "summary.md")).Should().Contain("| ❌ | NOT MEASURED | occlusion | share of maps peaking inside the object box (pointing game) | — |");
        File.ReadAllText(Path.Combine(folder, "report.html")).Should().Contain("<tr class=\"not_measured\"><td class=\"fail\">NOT MEASURED</td><td>occlusion</td>");
    }

    [Fact]
    public void Audit_ImagesWithoutBoxesAndAllowInconclusive_PassesAndSaysItWasAllowed()
    {
        var gates = BoxGates.Replace("\"max_images\": 4, \"min_mass_inside\"", "\"max_images\": 4, \"allow_inconclusive\": true, \"min_mass_inside\"", StringComparison.Ordinal)
            .Replace("\"max_images\": 4, \"min_saliency", "\"max_images\": 4, \"allow_inconclusive\": true, \"min_saliency", StringComparison.Ordinal);

        var (exit, output, folder) = Audit(FolderWithoutBoxes(12), gates);

        exit.Should().Be(ExitCodes.Success, output);
        output.Should().Contain("not measured (allowed)  occlusion:").And.Contain("allowed by allow_inconclusive").And.Contain("(allowed: the gate passes)");
        File.ReadAllText(Path.Combine(folder, "junit.xml")).Should().Contain("<skipped message=\"not measured (allowed): mean share of occlusion drop mass");
    }

    [Fact]
    public void Audit_NoMapAboveTheSignalFloor_IsInconclusiveNotPassed()
    {
        var (exit, output, _) = Audit(null, """
            "occlusion": { "window": 8, "stride": 8, "max_images": 4, "score": "probability", "min_signal": 0.999, "min_mass_inside": 0.0, "min_pointing_game": 0.0 }
            """);

        exit.Should().Be(ExitCodes.AuditFailed, "a threshold of 0 is met by anything, but maps without signal are never a pass");
        output.Should().Contain("INCONCLUSIVE  occlusion: mean share of occlusion drop mass inside the object box: measured NaN, required at least 0 (4 images; 4 inconclusive (largest drop below 0.999)");
        output.Should().Contain("INCONCLUSIVE  occlusion: share of maps peaking inside the object box (pointing game)");
    }

    [Fact]
    public void Audit_PassRate_GatesTheShareOfImagesAndNamesTheWorst()
    {
        const string Gate = """
            "occlusion": { "window": 8, "stride": 4, "max_images": 6, "min_signal": 0, "min_mass_inside": 0.5, "min_pass_rate": 0.8 }
            """;

        var clean = Audit(null, Gate);
        var shortcut = Audit(null, Gate, "shapes-shortcut");

        clean.Exit.Should().Be(ExitCodes.Success, clean.Output);
        clean.Output.Should().Contain("pass  occlusion: share of images with share of occlusion drop mass inside the object box of at least 0.5: measured 1, required at least 0.8 (6 of 6 pass; 6 images; lowest ");
        shortcut.Exit.Should().Be(ExitCodes.AuditFailed);
        shortcut.Output.Should().MatchRegex(@"FAIL  occlusion: share of images with .* of at least 0.5: measured 0, required at least 0.8 \(0 of 6 pass; 6 images; lowest s1000-\d+ 0.00");
    }

    [Fact]
    public void Audit_MaxImages_CountsOnlyImagesWithABox()
    {
        var images = FolderWithoutBoxes(6);
        foreach (var (sample, i) in ShapeDataset.Generate(77, 3).Select((s, i) => (s, i)))
        {
            ImageCodec.SavePng(sample.Image, Path.Combine(images, $"boxed{i}.png"));
            var b = sample.Box;
            File.AppendAllLines(Path.Combine(images, "labels.csv"), [string.Create(CultureInfo.InvariantCulture, $"boxed{i}.png,{sample.Label},{b.X},{b.Y},{b.Width},{b.Height}")]);
        }

        var (_, output, _) = Audit(images, """
            "occlusion": { "window": 8, "stride": 8, "max_images": 2, "min_signal": 0, "min_mass_inside": 0.0 }
            """);

        output.Should().Contain("(2 images; lowest boxed");
    }

    [Fact]
    public void Audit_EmbeddingsOfFewImages_ClampKOrAreNotMeasured()
    {
        var few = Audit(null, """
            "embeddings": { "max_images": 5, "min_knn_accuracy": 0.0 }
            """);
        var tooFew = Audit(null, """
            "embeddings": { "max_images": 3, "min_knn_accuracy": 0.0 },
            "filters": { "max_dead_filters": 0 }
            """);

        few.Exit.Should().Be(ExitCodes.Success, few.Output);
        few.Output.Should().Contain("pass  embeddings: 4-NN leave-one-out accuracy");
        File.ReadAllText(Path.Combine(few.Folder, "report.json")).Should().Contain("Only 5 images: k-NN uses k = 4.");
        tooFew.Exit.Should().Be(ExitCodes.AuditFailed, tooFew.Output);
        tooFew.Output.Should().Contain("NOT MEASURED  embeddings: 2-NN leave-one-out accuracy in penultimate: not measured, required at least 0 (3 labelled images in");
    }

    private static string FolderWithoutBoxes(int count)
    {
        var folder = CliRunner.TempFolder();
        var rows = new List<string> { "file,label,x,y,width,height" };
        foreach (var (sample, i) in ShapeDataset.Generate(5, count).Select((s, i) => (s, i)))
        {
            ImageCodec.SavePng(sample.Image, Path.Combine(folder, $"plain{i}.png"));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"plain{i}.png,{sample.Label}"));
        }

        File.WriteAllLines(Path.Combine(folder, "labels.csv"), rows);
        return folder;
    }

    private static (int Exit, string Output, string Folder) Audit(string? images, string audits, string model = "shapes-clean")
    {
        var folder = CliRunner.TempFolder();
        var config = CliRunner.WriteConfig(folder, model, json =>
        {
            var start = json.IndexOf("\"audits\"", StringComparison.Ordinal);
            var head = json[..start] + "\"audits\": {" + audits + "}\n}";
            return images is null ? head : System.Text.RegularExpressions.Regex.Replace(head, "\"images\": \\{.*?\\} \\},", $"\"images\": {{ \"folder\": \"{images}\" }},");
        });
        var output = Path.Combine(folder, "out");
        var (exit, text, error) = CliRunner.Run("audit", "--config", config, "--out", output);
        return (exit, text + error, output);
    }
}
