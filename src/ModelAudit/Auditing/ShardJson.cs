using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ModelAudit.Imaging;

namespace ModelAudit.Auditing;

/// <summary>
/// How shard files are written: each audit's partial under its registry name (<c>"audit": "occlusion"</c>), figures as
/// PNG (lossless, so a merged report shows the same pixels as an unsharded one).
/// </summary>
internal static class ShardJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,

        // A measurement that could not be made is NaN in a partial; it must survive the shard file as it is.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new PngImageConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RegisterPartials } },
    };

    private static void RegisterPartials(JsonTypeInfo info)
    {
        if (info.Type != typeof(StepPartial))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "audit" };
        foreach (var kind in AuditRegistry.All)
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(kind.Partial, kind.Name));
        }
    }

    private sealed class PngImageConverter : JsonConverter<RgbImage>
    {
        public override RgbImage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ImageCodec.Decode(reader.GetBytesFromBase64(), "a figure in a shard file");

        public override void Write(Utf8JsonWriter writer, RgbImage value, JsonSerializerOptions options) =>
            writer.WriteBase64StringValue(ImageCodec.EncodePng(value));
    }
}
