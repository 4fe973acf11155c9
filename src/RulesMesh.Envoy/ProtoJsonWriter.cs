using System.Collections;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Xds;

/// <summary>
/// Writes a message's proto3 JSON straight to a <see cref="Utf8JsonWriter"/> or another <see cref="IJsonTokenWriter"/>:
/// the same tree, token for token, as <see cref="JsonFormatter"/> with default settings and a type registry prints,
/// without building its text. Field names are JSON names, fields at their default are left out (those with presence
/// are written when set), enums by name, 64-bit integers and bytes (base64) as strings, NaN and infinities as strings,
/// and the well-known types in their own forms (<c>Any</c> with <c>@type</c>, <c>"1.500s"</c>, RFC 3339 times,
/// <c>Struct</c> as an object, wrappers as their value).
/// </summary>
/// <remarks>
/// The shape of each message type and enum is worked out once and kept in the <see cref="ProtoMessageLayouts"/> the
/// writer is given, which writers on other threads may share (each field read through a delegate bound to its generated
/// property, so no value is boxed). A message packed in an <c>Any</c>, or given as a <see cref="SerializedMessage"/>, is
/// written from its bytes as they stand (<see cref="ProtoWireWriter"/>) when they are in the order its generated class
/// writes them, else parsed first. One
/// instance is not safe for use by several threads at once.
/// </remarks>
public sealed class ProtoJsonWriter
{
    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("@type");
    private static readonly JsonEncodedText ValueProperty = JsonEncodedText.Encode("value");

    private readonly ProtoMessageLayouts _layouts;
    private readonly ProtoWireWriter _wire;

    /// <summary>A writer resolving the types packed in <c>Any</c> through <paramref name="typeRegistry"/>.</summary>
    public ProtoJsonWriter(TypeRegistry typeRegistry)
        : this(new ProtoMessageLayouts((typeRegistry ?? throw new ArgumentNullException(nameof(typeRegistry))).Find))
    {
    }

    /// <summary>A writer resolving the types packed in <c>Any</c> by their full names through <paramref name="findMessageType"/> (null: unknown).</summary>
    public ProtoJsonWriter(Func<string, MessageDescriptor?> findMessageType)
        : this(new ProtoMessageLayouts(findMessageType))
    {
    }

    /// <summary>A writer keeping what it learns of each type in <paramref name="layouts"/>, which other writers may share.</summary>
    public ProtoJsonWriter(ProtoMessageLayouts layouts)
    {
        _layouts = layouts ?? throw new ArgumentNullException(nameof(layouts));
        _wire = new ProtoWireWriter(this);
    }

    /// <summary>Writes <paramref name="message"/> as one JSON value to <paramref name="writer"/>.</summary>
    /// <exception cref="InvalidOperationException">An <c>Any</c> holds a type the registry lacks, or a well-known value is out of range.</exception>
    public void Write(IMessage message, Utf8JsonWriter writer) => Write(message, new Utf8JsonTokenWriter(writer));

    /// <summary>Writes <paramref name="message"/> as one JSON value to <paramref name="writer"/>.</summary>
    /// <exception cref="InvalidOperationException">An <c>Any</c> holds a type the registry lacks, or a well-known value is out of range.</exception>
    public void Write(IMessage message, IJsonTokenWriter writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        WriteMessage(writer, message);
    }

    /// <summary>
    /// Writes the message <paramref name="message"/> holds as one JSON value to <paramref name="writer"/>: from its bytes
    /// when they are in the shape its generated class writes them (as <see cref="SerializedMessage.Of"/> makes them), else
    /// parsed first; the same text either way.
    /// </summary>
    /// <exception cref="InvalidOperationException">An <c>Any</c> holds a type the registry lacks, or a well-known value is out of range.</exception>
    public void Write(SerializedMessage message, IJsonTokenWriter writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        var layout = _layouts.Layout(message.Descriptor);
        if (layout.Kind == ProtoMessageKind.Ordinary && ProtoWireShape.IsAsGenerated(layout, message.Bytes))
        {
            writer.WriteStartObject();
            _wire.WriteFields(writer, layout, message.Bytes);
            writer.WriteEndObject();
        }
        else
        {
            WriteMessage(writer, message.Parse(), layout);
        }
    }

    internal void WriteMessage(IJsonTokenWriter writer, IMessage message) => WriteMessage(writer, message, _layouts.Layout(message.Descriptor));

    /// <summary>Writes <paramref name="message"/>, whose type <paramref name="layout"/> describes.</summary>
    internal void WriteMessage(IJsonTokenWriter writer, IMessage message, ProtoMessageLayout layout)
    {
        switch (layout.Kind)
        {
            case ProtoMessageKind.Ordinary or ProtoMessageKind.OtherWellKnown:
                writer.WriteStartObject();
                WriteFields(writer, message, layout);
                writer.WriteEndObject();
                break;
            case ProtoMessageKind.Wrapper:
                WriteValue(writer, message.Descriptor.Fields[1].Accessor.GetValue(message));
                break;
            case ProtoMessageKind.Timestamp:
                var timestamp = (Timestamp)message;
                writer.WriteStringValue(ProtoJsonText.Timestamp(timestamp.Seconds, timestamp.Nanos));
                break;
            case ProtoMessageKind.Duration:
                var duration = (Duration)message;
                writer.WriteStringValue(ProtoJsonText.Duration(duration.Seconds, duration.Nanos));
                break;
            case ProtoMessageKind.FieldMask:
                writer.WriteStringValue(ProtoJsonText.FieldMask(((FieldMask)message).Paths));
                break;
            case ProtoMessageKind.Struct:
                WriteStruct(writer, (Struct)message);
                break;
            case ProtoMessageKind.ListValue:
                WriteList(writer, ((ListValue)message).Values, enumField: null);
                break;
            case ProtoMessageKind.Value:
                WriteStructValue(writer, (Value)message);
                break;
            case ProtoMessageKind.Any:
                WriteAny(writer, (Any)message);
                break;
        }
    }

    private void WriteFields(IJsonTokenWriter writer, IMessage message, ProtoMessageLayout layout)
    {
        foreach (var field in layout.Fields)
        {
            field.Write(this, writer, message);
        }
    }

    internal void WriteValue(IJsonTokenWriter writer, object? value)
    {
        switch (value)
        {
            case null or NullValue:
                writer.WriteNullValue();
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case ByteString bytes:
                writer.WriteStringValue(bytes.ToBase64());
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case IDictionary map:
                WriteMap(writer, map, enumValueField: null);
                break;
            case IList list:
                WriteList(writer, list, enumField: null);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case uint number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                ProtoJsonIntegers.WriteInt64(writer, number);
                break;
            case ulong number:
                ProtoJsonIntegers.WriteUInt64(writer, number);
                break;
            case double number:
                WriteFloatingPoint(writer, number);
                break;
            case float number:
                WriteFloat(writer, number);
                break;
            case IMessage message:
                WriteMessage(writer, message);
                break;
            default:
                throw new ArgumentException("Unable to format value of type " + value.GetType());
        }
    }

    internal static void WriteFloat(IJsonTokenWriter writer, float number)
    {
        if (float.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            WriteFloatingPoint(writer, number);
        }
    }

    // Proto3 JSON has no NaN or infinity numbers: they are the strings .NET prints for them.
    internal static void WriteFloatingPoint(IJsonTokenWriter writer, double number)
    {
        if (double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(number.ToString("r", CultureInfo.InvariantCulture));
        }
    }

    internal void WriteEnum(IJsonTokenWriter writer, FieldDescriptor field, object value)
    {
        if (value is NullValue || field.EnumType.ClrType == typeof(NullValue))
        {
            writer.WriteNullValue();
            return;
        }

        WriteEnum(writer, _layouts.EnumNames(field.EnumType), (int)value);
    }

    /// <summary>An enum's number, by the name <paramref name="names"/> gives it, else as a number.</summary>
    internal static void WriteEnum(IJsonTokenWriter writer, IReadOnlyDictionary<int, JsonEncodedText> names, int number)
    {
        if (names.TryGetValue(number, out var name))
        {
            writer.WriteStringValue(name);
        }
        else
        {
            writer.WriteNumberValue(number);
        }
    }

    internal void WriteList(IJsonTokenWriter writer, IList list, FieldDescriptor? enumField)
    {
        writer.WriteStartArray();
        foreach (var item in list)
        {
            if (enumField is not null)
            {
                WriteEnum(writer, enumField, item);
            }
            else
            {
                WriteValue(writer, item);
            }
        }

        writer.WriteEndArray();
    }

    internal void WriteMap(IJsonTokenWriter writer, IDictionary map, FieldDescriptor? enumValueField)
    {
        writer.WriteStartObject();
        foreach (DictionaryEntry entry in map)
        {
            writer.WritePropertyName(entry.Key switch
            {
                string text => text,
                bool flag => flag ? "true" : "false",
                int or uint or long or ulong => ((IFormattable)entry.Key).ToString("d", CultureInfo.InvariantCulture),
                null => throw new ArgumentException("Dictionary has entry with null key"),
                _ => throw new ArgumentException("Unhandled dictionary key type: " + entry.Key.GetType()),
            });
            if (enumValueField is { FieldType: FieldType.Enum })
            {
                WriteEnum(writer, enumValueField, entry.Value!);
            }
            else
            {
                WriteValue(writer, entry.Value);
            }
        }

        writer.WriteEndObject();
    }

    private void WriteStruct(IJsonTokenWriter writer, Struct message)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in message.Fields)
        {
            if (string.IsNullOrEmpty(key) || value is null)
            {
                throw new InvalidOperationException("Struct fields cannot have an empty key or a null value.");
            }

            writer.WritePropertyName(key);
            WriteStructValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private void WriteStructValue(IJsonTokenWriter writer, Value value)
    {
        switch (value.KindCase)
        {
            case Value.KindOneofCase.NullValue:
                writer.WriteNullValue();
                break;
            case Value.KindOneofCase.NumberValue:
                WriteFloatingPoint(writer, value.NumberValue);
                break;
            case Value.KindOneofCase.StringValue:
                writer.WriteStringValue(value.StringValue);
                break;
            case Value.KindOneofCase.BoolValue:
                writer.WriteBooleanValue(value.BoolValue);
                break;
            case Value.KindOneofCase.StructValue:
                WriteStruct(writer, value.StructValue);
                break;
            case Value.KindOneofCase.ListValue:
                WriteList(writer, value.ListValue.Values, enumField: null);
                break;
            default:
                throw new InvalidOperationException("Value message must contain a value for the oneof.");
        }
    }

    private void WriteAny(IJsonTokenWriter writer, Any any) => WriteAny(writer, any.TypeUrl, any.Value.Span);

    /// <summary>An <c>Any</c> holding <paramref name="typeUrl"/> and the packed message's bytes <paramref name="packed"/>.</summary>
    internal void WriteAny(IJsonTokenWriter writer, string typeUrl, ReadOnlySpan<byte> packed)
    {
        writer.WriteStartObject();
        if (typeUrl.Length > 0)
        {
            var layout = _layouts.PackedLayout(typeUrl);
            var parsed = layout.IsWellKnown || !ProtoWireShape.IsAsGenerated(layout, packed) ? layout.Descriptor.Parser.ParseFrom(packed) : null;
            writer.WritePropertyName(TypeProperty);
            writer.WriteStringValue(typeUrl);
            if (layout.IsWellKnown)
            {
                writer.WritePropertyName(ValueProperty);
                WriteMessage(writer, parsed!, layout);
            }
            else if (parsed is null)
            {
                _wire.WriteFields(writer, layout, packed);
            }
            else
            {
                WriteFields(writer, parsed, layout);
            }
        }

        writer.WriteEndObject();
    }
}
