using System.Text.Json;
using System.Text.Json.Nodes;
using ModelAudit.Auditing;
using ModelAudit.Tests.Cli;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Auditing;

/// <summary>
/// <c>docs/audit.schema.json</c> and <c>docs/config.md</c> are generated from the config records: these tests
/// regenerate them and fail when the committed files differ. <c>MODELAUDIT_REFRESH_DOCS=1</c> rewrites them instead
/// (never under CI).
/// </summary>
public sealed class ConfigReferenceTests
{
    private const string Refresh = "MODELAUDIT_REFRESH_DOCS=1 dotnet test tests/ModelAudit.Tests -- --filter-class '*ConfigReferenceTests'";

    [Fact]
    public void Schema_MatchesTheCommittedFile() =>
        MatchCommitted("docs/audit.schema.json", ConfigSchemaWriter.Write(ConfigReference.Build()));

    [Fact]
    public void Markdown_MatchesTheCommittedFile() =>
        MatchCommitted("docs/config.md", ConfigMarkdownWriter.Write(ConfigReference.Build()));

    [Fact]
    public void Build_EveryKey_HasAMeaning()
    {
        var keys = ConfigReference.Build().Flatten().SelectMany(o => o.Keys).ToArray();

        keys.Should().OnlyContain(k => k.Description.Length > 10);
        keys.Select(k => k.Path).Should().Contain(["audits.filters.min_smoothness_z", "audits.invariance.scales", "classes", "$schema"]);
    }

    public static TheoryData<string> ExampleConfigs => new(Directory.GetFiles(Repo.Path("audits", "configs"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(ExampleConfigs))]
    public void ExampleConfig_PointsAtTheSchemaAndFollowsIt(string file)
    {
        var path = Repo.Path("audits", "configs", file);
        var json = ConfigSchema.Parse(File.ReadAllText(path));

        var schema = json["$schema"]?.GetValue<string>();
        schema.Should().NotBeNull("every example config names the schema, so editors complete its keys");
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, schema!)).Should().Be(Repo.Path("docs", "audit.schema.json"));
        ConfigSchema.Errors(json).Should().BeEmpty();
        AuditConfigReader.Load(path).Schema.Should().Be(schema);
    }

    [Fact]
    public void Schema_UnknownKeyOrValue_IsAnError()
    {
        var json = ConfigSchema.Parse(File.ReadAllText(Repo.Path("audits", "configs", "shapes.audit.json")));
        json["audits"]!["occlusion"]!["strid"] = 8;
        json["input"]!["resize"] = "squash";

        ConfigSchema.Errors(json).Should().Contain(e => e.Contains("/audits/occlusion", StringComparison.Ordinal))
            .And.Contain(e => e.Contains("/input/resize", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> EnumValues
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (path, names) in Enums(JsonNode.Parse(ConfigSchemaWriter.Write(ConfigReference.Build()))!, ""))
            {
                foreach (var name in names)
                {
                    data.Add(path, name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EnumValues))]
    public void SchemaValue_TheReaderAcceptsIt(string path, string value)
    {
        var config = WithValue(path, JsonValue.Create(value));

        ConfigSchema.Errors(JsonNode.Parse(File.ReadAllText(config))!).Should().BeEmpty();
        var act = () => AuditConfigReader.Load(config);
        act.Should().NotThrow();
    }

    [Theory]
    [MemberData(nameof(EnumValues))]
    public void ValueNotInTheSchema_TheReaderRefusesNamingTheKey(string path, string value)
    {
        var config = WithValue(path, JsonValue.Create(value + "_x"));

        var act = () => AuditConfigReader.Load(config);
        act.Should().Throw<AuditConfigException>().WithMessage($"*{path}*").Which.Message.Should().Contain($"\"{value}\"", "the message lists the accepted values");
    }

    /// <summary>Every key whose schema lists names, with them: <c>("input.resize", ["stretch", …])</c>.</summary>
    private static IEnumerable<(string Path, string[] Names)> Enums(JsonNode schema, string path)
    {
        var forms = schema["anyOf"] is JsonArray anyOf ? anyOf.Select(f => f!).ToArray() : [schema];
        foreach (var form in forms.Select(f => f["items"] ?? f))
        {
            if (form["enum"] is JsonArray names)
            {
                yield return (path, names.OfType<JsonValue>().Select(n => n.GetValue<string>()).ToArray());
            }
        }

        foreach (var (key, child) in schema["properties"] as JsonObject ?? [])
        {
            foreach (var e in Enums(child!, path.Length == 0 ? key : $"{path}.{key}"))
            {
                yield return e;
            }
        }
    }

    /// <summary>The quick test config with the key at <paramref name="path"/> set (arrays get a list of one).</summary>
    private static string WithValue(string path, JsonNode value)
    {
        var folder = CliRunner.TempFolder();
        var json = JsonNode.Parse(File.ReadAllText(CliRunner.WriteConfig(folder)))!.AsObject();
        File.WriteAllText(Path.Combine(folder, "keys.txt"), "a\nb\n");
        json["target"] = new JsonObject { ["charset"] = "keys.txt" };
        var parts = path.Split('.');
        var node = json;
        foreach (var part in parts[..^1])
        {
            node = (node[part] ??= new JsonObject()).AsObject();
        }

        node[parts[^1]] = path is "audits.faithfulness.methods" or "audits.gradients.methods" ? new JsonArray(value) : value;
        var file = Path.Combine(folder, "audit.json");
        File.WriteAllText(file, json.ToJsonString());
        return file;
    }

    private static void MatchCommitted(string relative, string generated)
    {
        var path = Repo.Path(relative.Split('/'));
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (committed == generated)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("MODELAUDIT_REFRESH_DOCS") == "1" && !BuildEnvironment.IsCi())
        {
            File.WriteAllText(path, generated);
            return;
        }

        committed.Should().Be(generated, $"{relative} is generated from the config records; refresh it with `{Refresh}` and commit it");
    }
}
