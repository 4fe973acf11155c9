using System.Text.Json;
using System.Text.Json.Serialization;
using RulesMesh.Mesh;

namespace RulesMesh.Server.Hosting;

/// <summary>Writes a <see cref="NamespacedName"/> as <c>namespace/name</c> in the debug JSON, as logs and the CLI show it.</summary>
internal sealed class NamespacedNameJsonConverter : JsonConverter<NamespacedName>
{
    public override NamespacedName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => NamespacedName.Parse(reader.GetString() ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, NamespacedName value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
