using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>
/// A field read through Google.Protobuf's reflection accessor, its value boxed: maps, repeated fields of numbers, enums
/// or wrappers, and any field whose generated property <see cref="ProtoFieldWriters"/> cannot bind.
/// </summary>
internal sealed class ReflectedFieldWriter(FieldDescriptor field) : ProtoFieldWriter(field)
{
    private readonly FieldDescriptor _field = field;
    private readonly IFieldAccessor _accessor = field.Accessor;
    private readonly bool _hasPresence = field.HasPresence;
    private readonly bool _isMap = field.IsMap;
    private readonly bool _isRepeated = field.IsRepeated;
    private readonly FieldType _fieldType = field.FieldType;

    // The value field of a map's entry type (its enum values are written by name).
    private readonly FieldDescriptor? _mapValue = field.IsMap ? field.MessageType.FindFieldByNumber(2) : null;

    public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, IMessage message)
    {
        object? value;
        if (_hasPresence)
        {
            if (!_accessor.HasValue(message))
            {
                return;
            }

            value = _accessor.GetValue(message);
        }
        else
        {
            value = _accessor.GetValue(message);
            if (IsDefault(value))
            {
                return;
            }
        }

        writer.WritePropertyName(Name);
        if (_isMap)
        {
            json.WriteMap(writer, (IDictionary)value, _mapValue);
        }
        else if (_isRepeated)
        {
            json.WriteList(writer, (IList)value, _fieldType == FieldType.Enum ? _field : null);
        }
        else if (_fieldType == FieldType.Enum)
        {
            json.WriteEnum(writer, _field, value);
        }
        else
        {
            json.WriteValue(writer, value);
        }
    }

    // JsonFormatter's IsDefaultValue: -0.0 is a default, NaN is not.
    private bool IsDefault(object value)
    {
        if (_isMap)
        {
            return ((IDictionary)value).Count == 0;
        }

        if (_isRepeated)
        {
            return ((IList)value).Count == 0;
        }

        return _fieldType switch
        {
            FieldType.Bool => !(bool)value,
            FieldType.Bytes => ((ByteString)value).IsEmpty,
            FieldType.String => ((string)value).Length == 0,
            FieldType.Double => (double)value == 0.0,
            FieldType.Int32 or FieldType.SFixed32 or FieldType.SInt32 or FieldType.Enum => (int)value == 0,
            FieldType.Fixed32 or FieldType.UInt32 => (uint)value == 0,
            FieldType.UInt64 or FieldType.Fixed64 => (ulong)value == 0,
            FieldType.Int64 or FieldType.SFixed64 or FieldType.SInt64 => (long)value == 0,
            FieldType.Float => (float)value == 0f,
            FieldType.Group or FieldType.Message => value is null,
            _ => throw new ArgumentException("Invalid field type"),
        };
    }
}
