using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelAudit.Auditing;

/// <summary>Reads <c>audits</c> as an object whose keys are registry names; an unknown or repeated audit is an error.</summary>
internal sealed class AuditsConfigConverter : JsonConverter<AuditsConfig>
{
    public override AuditsConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error($"'audits' must be an object whose keys are audits ({AuditRegistry.Names})");
        }

        var sections = new List<AuditSection>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var kind = AuditRegistry.Named(name) ?? throw Error($"unknown key '{name}'; the audits are {AuditRegistry.Names}");
            if (!seen.Add(name))
            {
                throw Error($"audit '{name}' is given twice; give each audit once");
            }

            reader.Read();
            try
            {
                if (JsonSerializer.Deserialize(ref reader, kind.Section, options) is AuditSection section)
                {
                    sections.Add(section);
                }
            }
            catch (JsonException ex) when (ex.InnerException is not AuditConfigException)
            {
                throw Error(AuditConfigReader.Describe(ex), $"audits.{name}{ex.Path?.TrimStart('$')}");
            }
        }

        return AuditsConfig.Create(sections.ToArray());
    }

    public override void Write(Utf8JsonWriter writer, AuditsConfig value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var section in value)
        {
            writer.WritePropertyName(AuditRegistry.Of(section).Name);
            JsonSerializer.Serialize(writer, section, section.GetType(), options);
        }

        writer.WriteEndObject();
    }

    /// <summary>A JSON error the config reader reports with its line and key, worded as <paramref name="message"/>.</summary>
    private static JsonException Error(string message, string key = "audits") => new(message, new AuditConfigException(message) { Key = key });
}
