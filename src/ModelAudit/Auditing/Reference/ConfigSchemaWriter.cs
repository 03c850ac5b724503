using System.Text.Json.Nodes;

namespace ModelAudit.Auditing;

/// <summary>The config reference as a JSON Schema (draft 2020-12): <c>docs/audit.schema.json</c>.</summary>
internal static class ConfigSchemaWriter
{
    public static string Write(ConfigObject root)
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = ConfigReference.SchemaUrl,
            ["title"] = "ModelAudit audit file (audit.json)",
        };
        foreach (var (key, value) in ObjectSchema(root, nullable: false))
        {
            schema[key] = value?.DeepClone();
        }

        // One line per key schema and per entry of a "properties" map; enums, forms and defaults stay on one line.
        return ConfigJsonText.Write(schema, path => path.Length == 0 || path.Split('.') is var parts
            && (parts[^1] == "properties" || (parts.Length >= 2 && parts[^2] == "properties")));
    }

    private static JsonObject ObjectSchema(ConfigObject o, bool nullable)
    {
        var properties = new JsonObject();
        foreach (var key in o.Keys)
        {
            properties[key.Name] = KeySchema(key);
        }

        var schema = new JsonObject
        {
            ["description"] = o.Description,
            ["type"] = nullable ? new JsonArray("object", "null") : "object",
            ["properties"] = properties,
        };
        if (o.Keys.Where(k => k.Required).Select(k => (JsonNode)k.Name).ToArray() is { Length: > 0 } required)
        {
            schema["required"] = new JsonArray(required);
        }

        schema["additionalProperties"] = false;
        return schema;
    }

    private static JsonObject KeySchema(ConfigKey key)
    {
        if (key.Object is { } o)
        {
            return ObjectSchema(o, key.Type.Nullable);
        }

        var schema = new JsonObject { ["description"] = key.Description };
        foreach (var (name, value) in TypeSchema(key.Type))
        {
            schema[name] = value?.DeepClone();
        }

        if (key.Default is { } fallback)
        {
            schema["default"] = fallback.DeepClone();
        }

        if (key.Suggested is { } suggested)
        {
            schema["examples"] = new JsonArray(suggested);
        }

        return schema;
    }

    private static JsonObject TypeSchema(ConfigType type)
    {
        var core = type.Kind == "array"
            ? new JsonObject { ["type"] = "array", ["items"] = TypeSchema(type.Items!) }
            : type.Names is { } names
            ? new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(names.Select(n => (JsonNode)n).ToArray()) }
            : new JsonObject { ["type"] = type.Kind };
        JsonObject? also = type.Also switch
        {
            ConfigAlso.ChannelNumbers => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "number" }, ["minItems"] = 1, ["maxItems"] = 3 },
            ConfigAlso.ClassIndex => new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
            ConfigAlso.TextFile => new JsonObject { ["type"] = "string" },
            _ => null,
        };
        if (also is null)
        {
            if (type.Nullable)
            {
                core["type"] = new JsonArray(core["type"]!.GetValue<string>(), "null");
                if (core["enum"] is JsonArray values)
                {
                    values.Add(null);
                }
            }

            return core;
        }

        var forms = new JsonArray(core, also);
        if (type.Nullable)
        {
            forms.Add(new JsonObject { ["type"] = "null" });
        }

        return new JsonObject { ["anyOf"] = forms };
    }
}
