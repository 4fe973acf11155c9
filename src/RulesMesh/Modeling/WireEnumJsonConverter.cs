using System.Text.Json;
using System.Text.Json.Serialization;

namespace RulesMesh.Modeling;

/// <summary>Reads and writes a <see cref="IWireEnum{TSelf}"/> as its wire string.</summary>
public sealed class WireEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, IWireEnum<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");
        }

        return T.FromWire(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Value);
}
