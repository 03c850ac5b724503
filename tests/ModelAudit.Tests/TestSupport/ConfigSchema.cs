using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ModelAudit.Tests.TestSupport;

/// <summary>Checks config JSON against the committed <c>docs/audit.schema.json</c>.</summary>
internal static class ConfigSchema
{
    // Built once: the library registers a schema under its $id and refuses a second one.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Repo.Path("docs", "audit.schema.json"))));

    /// <summary>The schema's errors for <paramref name="json"/>, as "location: keyword message"; empty when it conforms.</summary>
    public static IReadOnlyList<string> Errors(JsonNode json)
    {
        var results = Schema.Value.Evaluate(JsonDocument.Parse(json.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid ? [] : new[] { results }.Concat(results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).ToArray();
    }

    /// <summary>Config text as the reader takes it: comments and trailing commas allowed.</summary>
    public static JsonNode Parse(string text) =>
        JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
}
