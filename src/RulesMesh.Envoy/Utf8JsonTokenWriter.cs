using System.Globalization;
using System.Text.Json;

namespace RulesMesh.Xds;

/// <summary>Sends <see cref="ProtoJsonWriter"/>'s tokens to a <see cref="Utf8JsonWriter"/>, which escapes and indents them.</summary>
public sealed class Utf8JsonTokenWriter(Utf8JsonWriter writer) : IJsonTokenWriter
{
    // The longest "r" text of a double: "-1.7976931348623157e+308".
    private const int MaxNumberLength = 32;

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
    public void WriteStringValue(ReadOnlySpan<byte> utf8) => Writer.WriteStringValue(utf8);

    /// <inheritdoc />
    public void WriteNumberValue(int value) => Writer.WriteNumberValue(value);

    /// <inheritdoc />
    public void WriteNumberValue(uint value) => Writer.WriteNumberValue(value);

    /// <inheritdoc />
    public void WriteNumberValue(double value)
    {
        Span<byte> text = stackalloc byte[MaxNumberLength];
        if (!value.TryFormat(text, out var length, "r", CultureInfo.InvariantCulture) || !WrittenAsFormatted(text[..length]))
        {
            Writer.WriteNumberValue(value);
        }
    }

    /// <inheritdoc />
    public void WriteNumberValue(float value)
    {
        Span<byte> text = stackalloc byte[MaxNumberLength];
        if (!value.TryFormat(text, out var length, "r", CultureInfo.InvariantCulture) || !WrittenAsFormatted(text[..length]))
        {
            Writer.WriteNumberValue(value);
        }
    }

    // Utf8JsonWriter formats a number as "r" does but with an upper-case exponent (1E+21); proto3 JSON's text has a
    // lower-case one (1e+21). Only a parsed number keeps its text, so a number with an exponent (rare) goes that way.
    private bool WrittenAsFormatted(ReadOnlySpan<byte> text)
    {
        if (!text.Contains((byte)'e'))
        {
            return false;
        }

        using var number = JsonDocument.Parse(text.ToArray());
        number.RootElement.WriteTo(Writer);
        return true;
    }

    /// <inheritdoc />
    public void WriteBooleanValue(bool value) => Writer.WriteBooleanValue(value);

    /// <inheritdoc />
    public void WriteNullValue() => Writer.WriteNullValue();
}
