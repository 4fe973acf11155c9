using System.Collections;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Pb.Enumvalue;

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
/// The shape of each message type and enum is worked out once and kept by this instance (each field read through a
/// delegate bound to its generated property, so no value is boxed), as is the last message parsed out of an <c>Any</c>
/// of each type: reuse one instance for many messages; it is not safe for use by several threads at once.
/// </remarks>
public sealed class ProtoJsonWriter
{
    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("@type");
    private static readonly JsonEncodedText ValueProperty = JsonEncodedText.Encode("value");

    private readonly Func<string, MessageDescriptor?> _findMessageType;
    private readonly Dictionary<string, ProtoPackedType> _packedTypes = [];
    private readonly Dictionary<MessageDescriptor, ProtoMessageLayout> _messages = [];
    private readonly Dictionary<EnumDescriptor, Dictionary<int, JsonEncodedText>> _enums = [];

    /// <summary>A writer resolving the types packed in <c>Any</c> through <paramref name="typeRegistry"/>.</summary>
    public ProtoJsonWriter(TypeRegistry typeRegistry)
    {
        ArgumentNullException.ThrowIfNull(typeRegistry);
        _findMessageType = typeRegistry.Find;
    }

    /// <summary>A writer resolving the types packed in <c>Any</c> by their full names through <paramref name="findMessageType"/> (null: unknown).</summary>
    public ProtoJsonWriter(Func<string, MessageDescriptor?> findMessageType)
        => _findMessageType = findMessageType ?? throw new ArgumentNullException(nameof(findMessageType));

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

    private ProtoMessageLayout Layout(MessageDescriptor descriptor)
    {
        if (!_messages.TryGetValue(descriptor, out var layout))
        {
            layout = new ProtoMessageLayout(descriptor, type => ProtoFieldWriters.For(type, EnumNames));
            _messages.Add(descriptor, layout);
        }

        return layout;
    }

    internal void WriteMessage(IJsonTokenWriter writer, IMessage message)
    {
        var layout = Layout(message.Descriptor);
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
                writer.WriteStringValue(number.ToString("d", CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteStringValue(number.ToString("d", CultureInfo.InvariantCulture));
                break;
            case double number:
                WriteFloatingPoint(writer, number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case float number:
                WriteFloatingPoint(writer, number);
                break;
            case IMessage message:
                WriteMessage(writer, message);
                break;
            default:
                throw new ArgumentException("Unable to format value of type " + value.GetType());
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

        var number = (int)value;
        if (EnumNames(field.EnumType).TryGetValue(number, out var name))
        {
            writer.WriteStringValue(name);
        }
        else
        {
            writer.WriteNumberValue(number);
        }
    }

    // The name of each number, as JsonFormatter finds it: the value EnumDescriptor.FindValueByNumber gives (the first
    // declared with that number), by the json_name its options give or else its own name.
    private Dictionary<int, JsonEncodedText> EnumNames(EnumDescriptor type)
    {
        if (!_enums.TryGetValue(type, out var names))
        {
            names = [];
            foreach (var number in type.Values.Select(static v => v.Number).Distinct())
            {
                var value = type.FindValueByNumber(number);
                var options = value.GetOptions()?.GetExtension(JsonEnumvalueOptionsExtensions.Json);
                names.Add(number, JsonEncodedText.Encode(options is { HasString: true } ? options.String : value.Name));
            }

            _enums.Add(type, names);
        }

        return names;
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

    private ProtoPackedType PackedType(string typeUrl)
    {
        if (!_packedTypes.TryGetValue(typeUrl, out var packedType))
        {
            var typeName = Any.GetTypeName(typeUrl);
            var descriptor = _findMessageType(typeName)
                ?? throw new InvalidOperationException("Type registry has no descriptor for type name '" + typeName + "'");
            packedType = new ProtoPackedType(descriptor, Layout(descriptor));
            _packedTypes.Add(typeUrl, packedType);
        }

        return packedType;
    }

    private void WriteAny(IJsonTokenWriter writer, Any any)
    {
        writer.WriteStartObject();
        if (any.TypeUrl.Length > 0)
        {
            var packedType = PackedType(any.TypeUrl);
            var packed = packedType.Parse(any.Value);
            writer.WritePropertyName(TypeProperty);
            writer.WriteStringValue(any.TypeUrl);
            var layout = packedType.Layout;
            if (layout.IsWellKnown)
            {
                writer.WritePropertyName(ValueProperty);
                WriteMessage(writer, packed);
            }
            else
            {
                WriteFields(writer, packed, layout);
            }
        }

        writer.WriteEndObject();
    }
}
