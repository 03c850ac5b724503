using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ModelAudit.Tests.Cli;

/// <summary>
/// Fingerprints of the demo's reports: the checks and section metrics of each <c>report.json</c>, and every picture
/// embedded in each <c>report.html</c>. Refactoring must leave every one unchanged; a change of numbers or pictures
/// is a change of behaviour and updates <see cref="Expected"/> in the same commit, with the reason.
/// </summary>
internal static partial class DemoGolden
{
    public static readonly string[] Expected =
    [
        "shapes-clean checks 6067dc5e7303161f",
        "shapes-clean metrics 'Occlusion sensitivity' 314f7cc1c8cfb902",
        "shapes-clean metrics 'Filters of conv1' 6659d87f1ea759dd",
        "shapes-clean metrics 'Activations' 8afe10b22dc4a440",
        "shapes-clean metrics 'Invariance' 93bb59875aa5b68d",
        "shapes-clean metrics 'Embedding separation' 9955fba0f2937bb2",
        "shapes-clean metrics 'Gradients' e22e6f542754c426",
        "shapes-clean metrics 'Shortcut scan' c6d860e81c07b7f4",
        "shapes-clean metrics 'Faithfulness' 5aa1c6cef02e5c61",
        "shapes-clean png occlusion-s1000-000000 cc389051735206ba",
        "shapes-clean png occlusion-s1000-000001 ba0d389e925a18c2",
        "shapes-clean png occlusion-s1000-000002 d683c23485daa7c5",
        "shapes-clean png filters 772a02ef2ef66ec1",
        "shapes-clean png activations dbb42f045a7320a8",
        "shapes-clean png top-patches 447b418e545942be",
        "shapes-clean png shift 3ed7b2ef83fddc1a",
        "shapes-clean png rotation f0733acde0ad133e",
        "shapes-clean png scatter 967bfd4f4ed15a20",
        "shapes-clean png thumbnails bd89525c95561d27",
        "shapes-clean png gradients-s1000-000000 ad758d6febfc5fa0",
        "shapes-clean png gradients-s1000-000001 0e7fe3234da2b16a",
        "shapes-clean png gradients-s1000-000002 02c4748adbecb979",
        "shapes-clean png shortcut-class0 f203a7e79552ba49",
        "shapes-clean png shortcut-class1 7ff85ffbfe627fb3",
        "shapes-clean png shortcut-class2 739052963dcbd7af",
        "shapes-clean png shortcut-class3 48f71a23b7748c7b",
        "shapes-clean png faithfulness-saliency b148475ffda707ee",
        "shapes-clean png faithfulness-grad_cam 13fbafcd4864ca10",
        "shapes-clean png faithfulness-occlusion 1f717a7d7d029b01",
        "shapes-shortcut checks 94d21a729a7e4931",
        "shapes-shortcut metrics 'Occlusion sensitivity' 991c8a509696738c",
        "shapes-shortcut metrics 'Filters of conv1' 5c4eef61dafd25d6",
        "shapes-shortcut metrics 'Activations' 742802439e8019ae",
        "shapes-shortcut metrics 'Invariance' e5aef1dea52a3eb1",
        "shapes-shortcut metrics 'Embedding separation' 4bff327431609dc4",
        "shapes-shortcut metrics 'Gradients' d63085ca1762f565",
        "shapes-shortcut metrics 'Shortcut scan' 8d02d12f042765b2",
        "shapes-shortcut metrics 'Faithfulness' 7c4d5aadad1be5a1",
        "shapes-shortcut png occlusion-s1000-000000 a7f1fe21c9d487c9",
        "shapes-shortcut png occlusion-s1000-000001 1f9af8b67d3d8eaa",
        "shapes-shortcut png occlusion-s1000-000002 bce95bc976df9d48",
        "shapes-shortcut png filters 15b108850a543584",
        "shapes-shortcut png activations 02e0aaa5184d6efe",
        "shapes-shortcut png top-patches 33b6a4852bb0ce16",
        "shapes-shortcut png shift 9d08c4f08772e7fa",
        "shapes-shortcut png rotation 702083efcd774a05",
        "shapes-shortcut png scatter ce9ff5d2d4977993",
        "shapes-shortcut png thumbnails 530d78172c629a03",
        "shapes-shortcut png gradients-s1000-000000 bdde33e754045bbc",
        "shapes-shortcut png gradients-s1000-000001 decc1ff106d1a832",
        "shapes-shortcut png gradients-s1000-000002 c9e4ec0731a41eca",
        "shapes-shortcut png shortcut-class0 9bbbd5f3a05a8f28",
        "shapes-shortcut png shortcut-class1 537cbc72be902705",
        "shapes-shortcut png shortcut-class2 f39dc69621ad5fc5",
        "shapes-shortcut png shortcut-class3 be87e5f39b8d2ff3",
        "shapes-shortcut png faithfulness-saliency c81b0b17f1d6d26e",
        "shapes-shortcut png faithfulness-grad_cam a8e5eb77eff39edf",
        "shapes-shortcut png faithfulness-occlusion 802b6b1049297ad0",
    ];

    public static IReadOnlyList<string> Fingerprints(string demoFolder)
    {
        var lines = new List<string>();
        foreach (var model in new[] { "shapes-clean", "shapes-shortcut" })
        {
            var folder = Path.Combine(demoFolder, model);
            var report = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "report.json")))!;
            lines.Add($"{model} checks {Sha(report["checks"]!.ToJsonString())}");
            foreach (var section in report["sections"]!.AsArray())
            {
                lines.Add($"{model} metrics '{section!["title"]}' {Sha(section["metrics"]!.ToJsonString())}");
            }

            var html = File.ReadAllText(Path.Combine(folder, "report.html"));
            foreach (Match m in PngPattern().Matches(html))
            {
                lines.Add($"{model} png {m.Groups["name"].Value} {Sha(m.Groups["data"].Value)}");
            }
        }

        return lines;
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    [GeneratedRegex("<img alt=\"(?<name>[^\"]*)\" src=\"data:image/png;base64,(?<data>[^\"]+)\"")]
    private static partial Regex PngPattern();
}
