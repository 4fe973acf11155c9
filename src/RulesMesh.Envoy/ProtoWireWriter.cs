using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>
/// Writes the proto3 JSON of a message packed in an <c>Any</c> or kept as a <see cref="SerializedMessage"/> straight
/// from its bytes, without parsing it into a message first: the fields in the order they come, which for bytes
/// <see cref="ProtoWireShape"/> accepts is the order and the text <see cref="ProtoJsonWriter"/> gives the parsed message
/// (fields at their default left out unless they have presence). Well-known types inside are parsed and written as
/// <see cref="ProtoJsonWriter"/> writes them; <c>Any</c>s inside go back to it with their own bytes.
/// </summary>
internal sealed class ProtoWireWriter(ProtoJsonWriter json)
{
    private const int AnyTypeUrl = 1;

    /// <summary>Writes the fields of <paramref name="bytes"/>, a message of the ordinary type <paramref name="layout"/> describes, as properties.</summary>
    public void WriteFields(IJsonTokenWriter writer, ProtoMessageLayout layout, ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoWireReader(bytes);
        ProtoWireField? open = null;
        while (!reader.AtEnd)
        {
            Check(reader.TryReadTag(out var number, out var wireType));
            var field = layout.WireField(number)!;
            if (open is not null && field != open)
            {
                Close(writer, open);
                open = null;
            }

            if (field.IsMap || field.IsRepeated)
            {
                if (open is null)
                {
                    writer.WritePropertyName(field.Name);
                    if (field.IsMap)
                    {
                        writer.WriteStartObject();
                    }
                    else
                    {
                        writer.WriteStartArray();
                    }

                    open = field;
                }

                if (field.IsMap)
                {
                    Check(reader.TryReadLengthDelimited(out var entry));
                    WriteMapEntry(writer, field, entry);
                }
                else if (field.IsPackable && wireType == WireFormat.WireType.LengthDelimited)
                {
                    Check(reader.TryReadLengthDelimited(out var packed));
                    var values = new ProtoWireReader(packed);
                    while (!values.AtEnd)
                    {
                        Check(values.TryReadValue(field.WireType, out var bits, out var itemBytes));
                        WriteValue(writer, field, bits, itemBytes);
                    }
                }
                else
                {
                    Check(reader.TryReadValue(wireType, out var bits, out var itemBytes));
                    WriteValue(writer, field, bits, itemBytes);
                }
            }
            else
            {
                Check(reader.TryReadValue(wireType, out var bits, out var valueBytes));
                if (field.HasPresence || !IsDefault(field, bits, valueBytes))
                {
                    writer.WritePropertyName(field.Name);
                    WriteValue(writer, field, bits, valueBytes);
                }
            }
        }

        if (open is not null)
        {
            Close(writer, open);
        }
    }

    private static void Close(IJsonTokenWriter writer, ProtoWireField field)
    {
        if (field.IsMap)
        {
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteEndArray();
        }
    }

    private void WriteMapEntry(IJsonTokenWriter writer, ProtoWireField field, ReadOnlySpan<byte> entry)
    {
        var reader = new ProtoWireReader(entry);
        Check(reader.TryReadTag(out _, out _));
        Check(reader.TryReadLengthDelimited(out var key));
        writer.WritePropertyName(Encoding.UTF8.GetString(key));
        Check(reader.TryReadTag(out _, out var valueWireType));
        Check(reader.TryReadValue(valueWireType, out var bits, out var valueBytes));
        WriteValue(writer, field.MapValue!, bits, valueBytes);
    }

    // JsonFormatter's IsDefaultValue of the value the parser would give: 32-bit numbers keep the low bits of the varint,
    // -0.0 is a default and NaN is not.
    private static bool IsDefault(ProtoWireField field, ulong bits, ReadOnlySpan<byte> bytes) => field.Type switch
    {
        FieldType.String or FieldType.Bytes => bytes.IsEmpty,
        FieldType.Message or FieldType.Group => false,
        FieldType.Double => BitConverter.Int64BitsToDouble((long)bits) == 0.0,
        FieldType.Float => BitConverter.Int32BitsToSingle((int)bits) == 0f,
        FieldType.Int32 or FieldType.SInt32 or FieldType.UInt32 or FieldType.Fixed32 or FieldType.SFixed32 or FieldType.Enum => (uint)bits == 0,
        _ => bits == 0,
    };

    private void WriteValue(IJsonTokenWriter writer, ProtoWireField field, ulong bits, ReadOnlySpan<byte> bytes)
    {
        switch (field.Type)
        {
            case FieldType.Bool:
                writer.WriteBooleanValue(bits != 0);
                break;
            case FieldType.Int32 or FieldType.SFixed32:
                writer.WriteNumberValue((int)bits);
                break;
            case FieldType.SInt32:
                writer.WriteNumberValue((int)((uint)bits >> 1) ^ -(int)((uint)bits & 1));
                break;
            case FieldType.UInt32 or FieldType.Fixed32:
                writer.WriteNumberValue((uint)bits);
                break;
            case FieldType.Int64 or FieldType.SFixed64:
                ProtoJsonIntegers.WriteInt64(writer, (long)bits);
                break;
            case FieldType.SInt64:
                ProtoJsonIntegers.WriteInt64(writer, (long)(bits >> 1) ^ -(long)(bits & 1));
                break;
            case FieldType.UInt64 or FieldType.Fixed64:
                ProtoJsonIntegers.WriteUInt64(writer, bits);
                break;
            case FieldType.Float:
                ProtoJsonWriter.WriteFloat(writer, BitConverter.Int32BitsToSingle((int)bits));
                break;
            case FieldType.Double:
                ProtoJsonWriter.WriteFloatingPoint(writer, BitConverter.Int64BitsToDouble((long)bits));
                break;
            case FieldType.Enum when field.IsNullValue:
                writer.WriteNullValue();
                break;
            case FieldType.Enum:
                ProtoJsonWriter.WriteEnum(writer, field.EnumNames!, (int)bits);
                break;
            case FieldType.String:
                writer.WriteStringValue(bytes);
                break;
            case FieldType.Bytes:
                writer.WriteStringValue(Convert.ToBase64String(bytes));
                break;
            default:
                WriteMessage(writer, field.Layout, bytes);
                break;
        }
    }

    private void WriteMessage(IJsonTokenWriter writer, ProtoMessageLayout layout, ReadOnlySpan<byte> bytes)
    {
        switch (layout.Kind)
        {
            case ProtoMessageKind.Ordinary:
                writer.WriteStartObject();
                WriteFields(writer, layout, bytes);
                writer.WriteEndObject();
                break;
            case ProtoMessageKind.Any:
                var reader = new ProtoWireReader(bytes);
                var typeUrl = "";
                ReadOnlySpan<byte> packed = default;
                while (!reader.AtEnd)
                {
                    Check(reader.TryReadTag(out var number, out _));
                    Check(reader.TryReadLengthDelimited(out var value));
                    if (number == AnyTypeUrl)
                    {
                        typeUrl = Encoding.UTF8.GetString(value);
                    }
                    else
                    {
                        packed = value;
                    }
                }

                json.WriteAny(writer, typeUrl, packed);
                break;
            default:
                json.WriteMessage(writer, layout.Descriptor.Parser.ParseFrom(bytes), layout);
                break;
        }
    }

    // ProtoWireShape accepted the bytes before they got here.
    private static void Check(bool read)
    {
        if (!read)
        {
            throw new InvalidOperationException("Packed message bytes changed while being written.");
        }
    }
}
