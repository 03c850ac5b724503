using ModelAudit.Auditing;
using ModelAudit.Datasets;
using ModelAudit.Gradients;
using ModelAudit.Rise;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Auditing;

/// <summary>
/// The top-level <c>methods</c> section: the options of the <c>"lrp"</c> and <c>"rise"</c> map methods, read once and
/// used by every section that names them, and what the gradients section reports about their maps.
/// </summary>
public sealed class MethodsConfigTests
{
    private static AuditConfig Parse(string methods) => AuditConfigReader.Parse($$"""
        { "model": "m.onnx", "input": { "height": 64, "width": 64 }, "images": { "folder": "x" },
          {{methods}}
          "audits": { "gradients": { "min_saliency_mass_inside": 0.5 } } }
        """, "audit.json");

    private static string Write(string methods, string gradients = """{ "max_images": 4, "methods": ["rise", "lrp"], "min_mass_inside": 0.3 }""") =>
        CliRunner.WriteConfig(CliRunner.TempFolder(), edit: json =>
        {
            var start = json.IndexOf("\"audits\"", StringComparison.Ordinal);
            return json[..start] + methods + $"\"audits\": {{ \"gradients\": {gradients} }}\n}}";
        });

    [Fact]
    public void Parse_NoMethodsSection_GivesEachMethodItsDefaults()
    {
        var methods = Parse("").Methods;

        methods.Lrp.Options(null).Should().Be(new LrpOptions());
        methods.Rise.Options(null).Should().Be(RiseOptions.Default);
        methods.Lrp.Describe().Should().Be("ε + z⁺ + zᴮ (ε = 1e-6)");
        methods.Rise.Describe().Should().Be("500 masks of 7×7 cells, each kept with probability 0.5, seed 0");
    }

    [Fact]
    public void Parse_EveryKey_BecomesTheMethodsOptions()
    {
        var methods = Parse("""
            "methods": {
              "lrp": { "composite": "epsilon_alpha2_beta1", "epsilon": 0.25, "input_rule": "flat" },
              "rise": { "masks": 2000, "grid": 5, "keep_probability": 0.3, "seed": 7 }
            },
            """).Methods;

        methods.Lrp.Options(null).Should().Be(new LrpOptions { Composite = LrpComposite.EpsilonAlpha2Beta1, Epsilon = 0.25, InputRule = LrpInputRule.Flat });
        methods.Rise.Options(null).Should().Be(new RiseOptions { Masks = 2000, Grid = 5, KeepProbability = 0.3, Seed = 7 });
        methods.Lrp.Describe().Should().Be("ε + α2β1 + flat (ε = 0.25)");
    }

    [Theory]
    [InlineData(""" "lrp": { "composite": "zplus" } """, "methods.lrp.composite is 'zplus'; use \"epsilon_plus\", \"epsilon_alpha2_beta1\" or \"epsilon\".")]
    [InlineData(""" "lrp": { "input_rule": "zb" } """, "methods.lrp.input_rule is 'zb'; use \"box\", \"epsilon\", \"flat\" or \"w_square\", or leave it out*")]
    [InlineData(""" "lrp": { "epsilon": 0 } """, "methods.lrp.epsilon is 0; use a number in (0, 100]*")]
    [InlineData(""" "lrp": { "epsilon": 1000 } """, "methods.lrp.epsilon is 1000; use a number in (0, 100]*")]
    [InlineData(""" "rise": { "masks": 1 } """, "methods.rise.masks is 1, outside [2, 1000000].")]
    [InlineData(""" "rise": { "grid": 1 } """, "methods.rise.grid is 1, outside [2, 1024].")]
    [InlineData(""" "rise": { "grid": 65 } """, "methods.rise.grid is 65, more cells than the input's 64 pixels per side*")]
    [InlineData(""" "rise": { "keep_probability": 1 } """, "methods.rise.keep_probability is 1; use a probability strictly between 0 and 1*")]
    [InlineData(""" "rise": { "keep_probability": 0 } """, "methods.rise.keep_probability is 0; *")]
    public void Validate_BadValue_NamesTheKeyAndHowToFixIt(string methods, string message)
    {
        var config = Parse($$""" "methods": { {{methods}} }, """);

        var act = () => config.Methods.Validate(config.Input);

        act.Should().Throw<AuditConfigException>().WithMessage(message);
    }

    [Theory]
    [InlineData(""" "methods": { "lrp": { "composite": "zplus" } }, """, "methods.lrp.composite")]
    [InlineData(""" "methods": { "lrp": { "epsilon": -1 } }, """, "methods.lrp.epsilon")]
    [InlineData(""" "methods": { "lrp": { "alpha": 2 } }, """, "methods.lrp")]
    [InlineData(""" "methods": { "rise": { "masks": "many" } }, """, "methods.rise.masks")]
    [InlineData(""" "methods": { "rise": { "keep_probability": 1.5 } }, """, "methods.rise.keep_probability")]
    [InlineData(""" "methods": { "gradcam": { } }, """, "methods")]
    public void Audit_BadMethodOption_ExitsTwoNamingTheKey(string methods, string key)
    {
        var folder = CliRunner.TempFolder();

        var run = CliRunner.Run("audit", "--config", Write(methods), "--out", Path.Combine(folder, "out"));

        run.Exit.Should().Be(2, run.Output);
        run.Error.Should().Contain(key).And.NotContain("   at ");
    }

    [Fact]
    public void Compute_MethodsOptions_ReachTheMaps()
    {
        var images = ShapeDataset.Generate(1000, 2).Select((s, i) => new LabeledImage($"s{i}", s.Image, s.Label)).ToArray();
        var options = new MethodsConfig { Lrp = new LrpConfig { Composite = "epsilon" }, Rise = new RiseConfig { Masks = 16 } };

        var lrp = MapMethods.Compute(ShapesFixtures.Clean, images, "lrp", null, options).Cast<AttributionMap>().ToArray();
        var rise = MapMethods.Compute(ShapesFixtures.Clean, images, "rise", null, options).Cast<AttributionMap>().ToArray();

        lrp.Should().OnlyContain(m => m.Method == "lrp-epsilon");
        rise.Should().OnlyContain(m => m.Diagnostics["masks"] == 16);
    }

    [Fact]
    public void Run_GradientsWithRiseAndLrp_ReportsMasksConvergenceRulesAndConservation()
    {
        var config = AuditConfigReader.Load(Write("""
            "methods": { "lrp": { "composite": "epsilon_alpha2_beta1" }, "rise": { "masks": 64 } },
            """));

        var run = AuditRunner.Run(config, new AuditRunOptions { RunAt = DateTimeOffset.UnixEpoch });

        var section = run.Sections.Single(s => s.Title == "Gradients");
        section.Metrics.Should().ContainKeys("rise_mass_inside_mean", "rise_convergence_change_mean", "rise_convergence_change_max", "lrp_mass_inside_mean", "lrp_conservation_error_mean", "lrp_conservation_error_max", "lrp_epsilon");
        section.Metrics["rise_masks"].Should().Be(64);
        section.Metrics["lrp_conservation_error_max"].Should().BeLessThan(0.1, "the clean model's biases keep little relevance");
        section.Metrics["rise_convergence_change_mean"].Should().BeGreaterThan(0.3, "64 masks leave a noisy map");
        section.Summary.Should().Contain("RISE's convergence change is above 0.3 on").And.Contain("raise methods.rise.masks");
        var table = section.Tables.Single();
        table.Rows.Select(r => r[0]).Should().Equal("RISE", "LRP");
        table.Rows[0][1].Should().Be("64 masks of 7×7 cells, each kept with probability 0.5, seed 0");
        table.Rows[1][1].Should().Be("ε + α2β1 + zᴮ (ε = 1e-6)");
        section.Figures[0].Caption.Should().MatchRegex(@"RISE \(64 masks\): convergence change \d\.\d\d( \(large\))?\.")
            .And.MatchRegex(@"LRP \(ε \+ α2β1 \+ zᴮ; relevance -?\d+\.\d+ reached the image, against a score of -?\d+\.\d+\): conservation error \d\.\d\d\.");
        run.Provenance.Settings["methods"].Should().Contain("\"composite\":\"epsilon_alpha2_beta1\"").And.Contain("\"masks\":64");
    }
}
