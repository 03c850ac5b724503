using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ModelAudit.Auditing;

/// <summary>
/// The reference of <c>audit.json</c>, built by reflection over the config records: every public property a reader
/// maps is a key, named as the reader names it, with its type, the default a new record holds, its XML doc summary as
/// its meaning, and the names its validation accepts (<see cref="ConfigValuesAttribute"/>). The audits come from
/// <see cref="AuditRegistry"/>. <see cref="ConfigSchemaWriter"/> and <see cref="ConfigMarkdownWriter"/> write it out.
/// </summary>
internal static class ConfigReference
{
    /// <summary>Where the schema is published: its <c>$id</c>, and the <c>$schema</c> of files written outside the repository.</summary>
    public const string SchemaUrl = "https://raw.githubusercontent.com/modelaudit/modelaudit/main/docs/audit.schema.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The whole reference, from the top level down. Throws when a key has no doc summary.</summary>
    public static ConfigObject Build()
    {
        var docs = XmlDocs.For(typeof(AuditConfig).Assembly);
        return Object(docs, typeof(AuditConfig), "", Describe(docs, typeof(AuditConfig)));
    }

    /// <summary>
    /// The thresholds <c>modelaudit init</c> writes for a section (<see cref="ConfigSuggestedAttribute"/>), by key, in
    /// declaration order; whole numbers for integer keys.
    /// </summary>
    public static IEnumerable<(string Key, JsonNode Value)> SuggestedThresholds(Type section) =>
        Properties(section).Where(p => p.IsDefined(typeof(ConfigSuggestedAttribute))).Select(p =>
        {
            var value = p.GetCustomAttribute<ConfigSuggestedAttribute>()!.Value;
            var whole = (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) == typeof(int);
            return (KeyOf(p), whole ? (JsonNode)JsonValue.Create((int)value) : JsonValue.Create(value));
        });

    public static bool IsConfigType(Type type) =>
        type.Namespace == typeof(AuditConfig).Namespace && (type.Name.EndsWith("Config", StringComparison.Ordinal) || type == typeof(AuditSection));

    /// <summary>The property's key, as the reader maps it.</summary>
    public static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);

    /// <summary>The properties a reader maps, in declaration order, the base record's last.</summary>
    private static IEnumerable<PropertyInfo> Properties(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            chain.Add(t);
        }

        return chain.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(p => p.MetadataToken))
            .Where(p => p.GetMethod?.IsPublic == true && p.GetIndexParameters().Length == 0 && !p.IsDefined(typeof(JsonIgnoreAttribute)));
    }

    private static ConfigObject Object(XmlDocs docs, Type type, string path, string description)
    {
        if (type == typeof(AuditsConfig))
        {
            return new ConfigObject(path, description, AuditRegistry.All.Select(kind =>
            {
                var meaning = Describe(docs, kind.Section);
                var child = Object(docs, kind.Section, $"{path}.{kind.Name}", meaning);
                return new ConfigKey(kind.Name, child.Path, new ConfigType("object", false), null, null, false, meaning, child);
            }).ToArray());
        }

        var defaults = Activator.CreateInstance(type);
        var keys = new List<ConfigKey>();
        foreach (var property in Properties(type))
        {
            var name = KeyOf(property);
            var keyPath = path.Length == 0 ? name : $"{path}.{name}";
            var meaning = docs.Summary(property) ?? throw new InvalidOperationException(
                $"{property.DeclaringType!.Name}.{property.Name} (config key '{keyPath}') has no <summary>; document what it means, its unit and default.");
            // By name: ScottPlot also defines RequiredMemberAttribute for older frameworks.
            var required = property.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.RequiredMemberAttribute");
            var kind = TypeOf(property);
            var objectType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var child = kind.Kind == "object" ? Object(docs, objectType, keyPath, docs.Summary(objectType) ?? meaning) : null;
            // A key whose unset value stands for a named one (occlusion's fill is grey) says so with [DefaultValue].
            var value = required || child is not null ? null : property.GetValue(defaults) ?? property.GetCustomAttribute<DefaultValueAttribute>()?.Value;
            keys.Add(new ConfigKey(name, keyPath, kind, value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), Json), property.GetCustomAttribute<ConfigSuggestedAttribute>()?.Value, required, meaning, child));
        }

        return new ConfigObject(path, description, keys);
    }

    private static ConfigType TypeOf(PropertyInfo property)
    {
        var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null || Nullability.Create(property).ReadState == NullabilityState.Nullable;
        var names = property.GetCustomAttribute<ConfigValuesAttribute>()?.Names();
        var also = property.GetCustomAttribute<ConfigAlsoAttribute>()?.Form;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var item = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0]
            : null;
        return item is not null
            ? new ConfigType("array", nullable, Scalar(item, names, property), Also: also)
            : Scalar(type, names, property) with { Nullable = nullable, Also = also };
    }

    private static ConfigType Scalar(Type type, IReadOnlyList<string>? names, PropertyInfo property) => type switch
    {
        _ when type == typeof(string) => new ConfigType("string", false, Names: names),
        _ when type == typeof(JsonElement) && names is not null => new ConfigType("string", false, Names: names),
        _ when type == typeof(bool) => new ConfigType("boolean", false),
        _ when type == typeof(int) || type == typeof(long) => new ConfigType("integer", false),
        _ when type == typeof(double) || type == typeof(float) => new ConfigType("number", false),
        _ when type == typeof(AuditsConfig) || IsConfigType(type) => new ConfigType("object", false),
        _ => throw new InvalidOperationException(
            $"{property.DeclaringType!.Name}.{property.Name} is a {type.Name}, which the config reference does not describe; give it a JSON type, or [ConfigValues] for a JsonElement."),
    };

    private static string Describe(XmlDocs docs, Type type) =>
        docs.Summary(type) ?? throw new InvalidOperationException($"{type.Name} has no <summary>; say what its section of the config is for.");
}
