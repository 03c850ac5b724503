using ModelAudit.Auditing;
using ModelAudit.Imaging;
using ModelAudit.Reporting;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Auditing;

/// <summary>
/// Every registered audit, driven only through the registry: config → shard JSON → merge → checks, with no model on disk
/// for the merge, giving the unsharded run's checks, metrics and figures exactly.
/// </summary>
public sealed class AuditRegistryTests
{
    public static TheoryData<string> Audits => new(AuditRegistry.All.Select(k => k.Name));

    [Fact]
    public void All_NamesSectionsAndPartials_AreEachRegisteredOnce()
    {
        AuditRegistry.All.Select(k => k.Name).Should().OnlyHaveUniqueItems();
        AuditRegistry.All.Select(k => k.Section).Should().OnlyHaveUniqueItems();
        AuditRegistry.All.Select(k => k.Partial).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(Audits))]
    public void ShardsMergedWithoutTheModel_GiveTheUnshardedRun(string audit)
    {
        var folder = Directory.CreateTempSubdirectory("modelaudit-registry-").FullName;
        File.Copy(Repo.Path("fixtures", "models", "shapes-clean.onnx"), Path.Combine(folder, "model.onnx"));
        var path = Path.Combine(folder, "audit.json");
        File.WriteAllText(path, $$"""
            {
              "model": "model.onnx",
              "input": { "height": 64, "width": 64, "channels": "rgb", "mean": [0.5], "std": [0.5] },
              "images": { "generate": { "seed": 7, "count": 24 } },
              "audits": { "{{audit}}": {{Gated(audit)}} }
            }
            """);
        var config = AuditConfigReader.Load(path);
        var options = new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch };
        var whole = AuditRunner.Run(config, options);
        AuditRunner.RunShard(config, Directory.CreateDirectory(Path.Combine(folder, "s1")).FullName, options with { Shard = (1, 2) });
        AuditRunner.RunShard(config, Directory.CreateDirectory(Path.Combine(folder, "s2")).FullName, options with { Shard = (2, 2) });
        File.ReadAllText(Path.Combine(folder, "s1", "shard.json")).Should().Contain($"\"audit\":\"{audit}\"");
        File.Delete(Path.Combine(folder, "model.onnx"));

        var merged = AuditRunner.Merge(config, [Path.Combine(folder, "s2"), Path.Combine(folder, "s1")], options);

        merged.Checks.Should().NotBeEmpty().And.HaveSameCount(whole.Checks);
        merged.Checks.Select(c => (c.Audit, c.Name, c.Passed)).Should().Equal(whole.Checks.Select(c => (c.Audit, c.Name, c.Passed)));
        merged.Checks.Should().Equal(whole.Checks, "shards merge in run order, so the numbers are the unsharded run's bit for bit");
        merged.Sections.Should().HaveSameCount(whole.Sections);
        for (var s = 0; s < whole.Sections.Count; s++)
        {
            var (m, w) = (merged.Sections[s], whole.Sections[s]);
            m.Title.Should().Be(w.Title);
            m.Summary.Should().Be(w.Summary);
            m.Metrics.Should().Equal(w.Metrics, "section {0}'s metrics merge exactly", w.Title);
            m.Figures.Select(f => (f.Name, f.Caption)).Should().Equal(w.Figures.Select(f => (f.Name, f.Caption)));
            m.Figures.Select(f => ImageCodec.EncodePng(f.Image)).Should().Equal(w.Figures.Select(f => ImageCodec.EncodePng(f.Image)),
                (a, b) => a.AsSpan().SequenceEqual(b), "figures travel through shard files as lossless PNG");
        }

        merged.Provenance.ModelSha256.Should().Be(whole.Provenance.ModelSha256);
    }

    [Fact]
    public void Merge_ShardsOfDifferentModels_IsRefusedWithoutTheModel()
    {
        var folder = Directory.CreateTempSubdirectory("modelaudit-registry-").FullName;
        var config = new AuditConfig
        {
            Model = Path.Combine(folder, "model.onnx"),
            Input = new InputConfig { Height = 64, Width = 64, Mean = [0.5f], Std = [0.5f] },
            Images = new ImageSetConfig { Generate = new GeneratedSetConfig { Seed = 7, Count = 8 } },
            Audits = [new FiltersConfig { MaxDeadFilters = 0 }],
        };
        foreach (var (shard, model) in new[] { (1, "shapes-clean"), (2, "shapes-defective") })
        {
            File.Copy(Repo.Path("fixtures", "models", model + ".onnx"), config.Model, overwrite: true);
            AuditRunner.RunShard(config, Directory.CreateDirectory(Path.Combine(folder, $"s{shard}")).FullName, new AuditRunOptions { Shard = (shard, 2) });
        }

        File.Delete(config.Model);

        var act = () => AuditRunner.Merge(config, [Path.Combine(folder, "s1"), Path.Combine(folder, "s2")]);

        act.Should().Throw<AuditConfigException>().WithMessage("Shard 2/2 audited a model with sha256 *, not the model of shard 1/2*");
    }

    /// <summary>Each audit's section with one gate set, so that a check comes out of the merge.</summary>
    private static string Gated(string audit) => audit switch
    {
        "occlusion" => """{ "window": 8, "stride": 8, "max_images": 6, "min_mass_inside": 0.1 }""",
        "filters" => """{ "max_dead_filters": 0 }""",
        "activations" => """{ "max_dead_channel_fraction": 0.5 }""",
        "invariance" => """{ "shift_range": 2, "rotation_range": 90, "rotation_step": 45, "max_images": 8, "min_shift_agreement": 0.5, "gate_shift": 1, "scales": [0.9, 1.1], "noise": [8, 16], "min_agreement": 0.5 }""",
        "embeddings" => """{ "min_silhouette": -1 }""",
        "gradients" => """{ "max_images": 6, "min_saliency_mass_inside": 0.1 }""",
        "equivariance" => """{ "shifts": [-4, 4], "max_images": 2, "max_error": 1 }""",
        "shortcut" => """{ "max_images": 24 }""",
        "faithfulness" => """{ "max_images": 3, "steps": 4 }""",
        "texture" => """{ "max_images": 4, "max_drift": 1, "cue_conflict_pairs": 2, "cue_conflict_steps": 2, "min_shape_bias": 0 }""",
        _ => throw new ArgumentException($"Give the new audit '{audit}' a gated section here.", nameof(audit)),
    };
}
