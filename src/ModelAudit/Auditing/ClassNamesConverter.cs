using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelAudit.Auditing;

/// <summary>Reads <c>classes</c> as a list of names or as the name of a file that lists them (<see cref="ClassNamesFile"/>).</summary>
internal sealed class ClassNamesConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new ClassNamesFile(reader.GetString()!),
        JsonTokenType.StartArray => JsonSerializer.Deserialize<string[]>(ref reader, options),
        _ => throw new JsonException("'classes' must be a list of class names or the name of a text file with one name per line"),
    };

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value is ClassNamesFile file)
        {
            writer.WriteStringValue(file.Path);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.ToArray(), options);
        }
    }
}
