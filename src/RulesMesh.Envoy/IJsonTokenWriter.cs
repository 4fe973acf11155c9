using System.Text;
using System.Text.Json;

namespace RulesMesh.Xds;

/// <summary>
/// Where <see cref="ProtoJsonWriter"/> sends the tokens of a message's proto3 JSON, in document order: a
/// <see cref="Utf8JsonWriter"/> (<see cref="Utf8JsonTokenWriter"/>), or any other streaming output of the same tree.
/// </summary>
/// <remarks>
/// Numbers arrive typed: a writer formats them as <see cref="Google.Protobuf.JsonFormatter"/> prints them, integers in
/// invariant digits and floating point as .NET's shortest round-trip text with a lower-case exponent (format <c>r</c>:
/// <c>0.1</c>, <c>1e+21</c>). NaN and infinities never arrive as numbers: proto3 JSON writes
/// them as the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>.
/// </remarks>
public interface IJsonTokenWriter
{
    /// <summary>Starts an object.</summary>
    void WriteStartObject();

    /// <summary>Ends the innermost object.</summary>
    void WriteEndObject();

    /// <summary>Starts an array.</summary>
    void WriteStartArray();

    /// <summary>Ends the innermost array.</summary>
    void WriteEndArray();

    /// <summary>Writes a property name known ahead (a field's JSON name), already encoded.</summary>
    void WritePropertyName(JsonEncodedText name);

    /// <summary>Writes a property name from the data (a map or <c>Struct</c> key).</summary>
    void WritePropertyName(string name);

    /// <summary>Writes a string known ahead (an enum value's name), already encoded.</summary>
    void WriteStringValue(JsonEncodedText value);

    /// <summary>Writes a string from the data.</summary>
    void WriteStringValue(string value);

    /// <summary>Writes a string from the data given as valid UTF-8 (a string field of a message's bytes).</summary>
    void WriteStringValue(ReadOnlySpan<byte> utf8) => WriteStringValue(Encoding.UTF8.GetString(utf8));

    /// <summary>Writes a 32-bit signed integer.</summary>
    void WriteNumberValue(int value);

    /// <summary>Writes a 32-bit unsigned integer.</summary>
    void WriteNumberValue(uint value);

    /// <summary>Writes a finite double.</summary>
    void WriteNumberValue(double value);

    /// <summary>Writes a finite float.</summary>
    void WriteNumberValue(float value);

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    void WriteBooleanValue(bool value);

    /// <summary>Writes <c>null</c>.</summary>
    void WriteNullValue();
}
