using System.Text.Json;

namespace RulesMesh.Xds;

/// <summary>Sends <see cref="ProtoJsonWriter"/>'s tokens to a <see cref="Utf8JsonWriter"/>, which escapes and indents them.</summary>
public sealed class Utf8JsonTokenWriter(Utf8JsonWriter writer) : IJsonTokenWriter
{
    /// <summary>The writer the tokens go to.</summary>
    public Utf8JsonWriter Writer { get; } = writer ?? throw new ArgumentNullException(nameof(writer));

    /// <inheritdoc />
    public void WriteStartObject() => Writer.WriteStartObject();

    /// <inheritdoc />
    public void WriteEndObject() => Writer.WriteEndObject();

    /// <inheritdoc />
    public void WriteStartArray() => Writer.WriteStartArray();

    /// <inheritdoc />
    public void WriteEndArray() => Writer.WriteEndArray();

    /// <inheritdoc />
    public void WritePropertyName(JsonEncodedText name) => Writer.WritePropertyName(name);

    /// <inheritdoc />
    public void WritePropertyName(string name) => Writer.WritePropertyName(name);

    /// <inheritdoc />
    public void WriteStringValue(JsonEncodedText value) => Writer.WriteStringValue(value);

    /// <inheritdoc />
    public void WriteStringValue(string value) => Writer.WriteStringValue(value);

    /// <inheritdoc />
    public void WriteNumberValue(int value) => Writer.WriteNumberValue(value);

    /// <inheritdoc />
    public void WriteNumberValue(uint value) => Writer.WriteNumberValue(value);

    /// <inheritdoc />
    public void WriteNumberValue(double value) => Writer.WriteNumberValue(value);

    /// <inheritdoc />
    public void WriteNumberValue(float value) => Writer.WriteNumberValue(value);

    /// <inheritdoc />
    public void WriteBooleanValue(bool value) => Writer.WriteBooleanValue(value);

    /// <inheritdoc />
    public void WriteNullValue() => Writer.WriteNullValue();
}
