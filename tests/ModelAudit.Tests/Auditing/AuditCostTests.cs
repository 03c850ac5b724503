using ModelAudit.Auditing;
using ModelAudit.Tests.Cli;

namespace ModelAudit.Tests.Auditing;

/// <summary>Every run states what each audit cost in forward and backward passes, per image of the run, shards summed.</summary>
public sealed class AuditCostTests
{
    private const string Audits = """
        "filters": { "max_dead_filters": 0 },
        "embeddings": { "max_images": 48, "min_silhouette": -1 },
        "gradients": { "max_images": 6, "min_saliency_mass_inside": 0 }
        """;

    [Fact]
    public void Run_CountsPassesPerAudit()
    {
        var config = Config();

        var run = AuditRunner.Run(config, new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        var settings = run.Provenance.Settings;
        settings["cost.filters"].Should().Be("0 forward passes (0 per image), 0 backward (0 per image)");
        settings["cost.embeddings"].Should().Be("48 forward passes (1 per image), 0 backward (0 per image)", "one pass per embedded image");
        settings["cost.gradients"].Should().Be("12 forward passes (0.25 per image), 12 backward (0.25 per image)", "a saliency and a Grad-CAM map of 6 images, each first run forward for its predicted class");
        settings["cost"].Should().Be("60 forward passes (1.25 per image), 12 backward (0.25 per image)");
    }

    [Fact]
    public void Merge_SumsTheShardsCosts()
    {
        var config = Config();
        var folder = CliRunner.TempFolder();
        var options = new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch };
        AuditRunner.RunShard(config, Directory.CreateDirectory(Path.Combine(folder, "s1")).FullName, options with { Shard = (1, 2) });
        AuditRunner.RunShard(config, Directory.CreateDirectory(Path.Combine(folder, "s2")).FullName, options with { Shard = (2, 2) });

        var merged = AuditRunner.Merge(config, [Path.Combine(folder, "s1"), Path.Combine(folder, "s2")], options);

        merged.Provenance.Settings["cost"].Should().Be(AuditRunner.Run(config, options).Provenance.Settings["cost"]);
    }

    private static AuditConfig Config() =>
        AuditConfigReader.Load(CliRunner.WriteConfig(CliRunner.TempFolder(), edit: json =>
        {
            var start = json.IndexOf("\"audits\"", StringComparison.Ordinal);
            return json[..start] + "\"audits\": {" + Audits + "}\n}";
        }));
}
