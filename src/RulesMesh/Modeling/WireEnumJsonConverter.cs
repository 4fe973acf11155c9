using System.Text.Json;
using System.Text.Json.Serialization;

namespace RulesMesh.Modeling;

/// <summary>Reads and writes a <see cref="IWireEnum{TSelf}"/> as its wire string.</summary>
public sealed class WireEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, IWireEnum<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String ? T.FromWire(reader.GetString()!) : throw ModelReading.NotAWireString<T>(reader.TokenType);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Value);
}
