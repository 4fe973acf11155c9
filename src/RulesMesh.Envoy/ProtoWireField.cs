using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Xds;

/// <summary>A field of an ordinary message type as <see cref="ProtoWireWriter"/> meets it in the wire format.</summary>
internal sealed class ProtoWireField
{
    private readonly ProtoMessageLayouts _layouts;
    private readonly MessageDescriptor? _messageType;

    // Looked up on first use (a type may hold itself); threads racing to set it set the same layout.
    private ProtoMessageLayout? _layout;

    public ProtoWireField(FieldDescriptor field, ProtoMessageLayouts layouts)
    {
        _layouts = layouts;
        Name = JsonEncodedText.Encode(field.JsonName);
        Type = field.FieldType;
        IsMap = field.IsMap;
        IsRepeated = field.IsRepeated && !field.IsMap;
        HasPresence = field.HasPresence;
        OneofIndex = field.RealContainingOneof?.Index ?? -1;
        IsNullValue = Type == FieldType.Enum && field.EnumType.ClrType == typeof(NullValue);
        EnumNames = Type == FieldType.Enum && !IsNullValue ? layouts.EnumNames(field.EnumType) : null;
        WireType = WireTypeOf(Type);
        IsPackable = IsRepeated && WireType is WireFormat.WireType.Varint or WireFormat.WireType.Fixed32 or WireFormat.WireType.Fixed64;
        if (IsMap)
        {
            MapKey = new ProtoWireField(field.MessageType.FindFieldByNumber(1), layouts);
            MapValue = new ProtoWireField(field.MessageType.FindFieldByNumber(2), layouts);
        }
        else if (Type == FieldType.Message)
        {
            _messageType = field.MessageType;
        }
    }

    /// <summary>The field's JSON name, encoded.</summary>
    public JsonEncodedText Name { get; }

    public FieldType Type { get; }

    public bool IsMap { get; }

    /// <summary>A repeated field other than a map.</summary>
    public bool IsRepeated { get; }

    /// <summary>Written when set even at its default (oneof members, <c>optional</c> scalars, messages).</summary>
    public bool HasPresence { get; }

    /// <summary>The index of the (non-synthetic) oneof the field is a member of, or -1.</summary>
    public int OneofIndex { get; }

    /// <summary><c>google.protobuf.NullValue</c>: written as <c>null</c>.</summary>
    public bool IsNullValue { get; }

    /// <summary>An enum's names by number.</summary>
    public IReadOnlyDictionary<int, JsonEncodedText>? EnumNames { get; }

    /// <summary>The wire type of one value of the field.</summary>
    public WireFormat.WireType WireType { get; }

    /// <summary>A repeated number, bool or enum, which may come packed in one length-delimited record.</summary>
    public bool IsPackable { get; }

    /// <summary>A map's key field (a string for the maps written from their bytes).</summary>
    public ProtoWireField? MapKey { get; }

    /// <summary>A map's value field.</summary>
    public ProtoWireField? MapValue { get; }

    /// <summary>The layout of a message field's type.</summary>
    public ProtoMessageLayout Layout => _layout ??= _layouts.Layout(_messageType ?? throw new InvalidOperationException("Not a message field: " + Name));

    private static WireFormat.WireType WireTypeOf(FieldType type) => type switch
    {
        FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64 => WireFormat.WireType.Fixed64,
        FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32 => WireFormat.WireType.Fixed32,
        FieldType.String or FieldType.Bytes or FieldType.Message => WireFormat.WireType.LengthDelimited,
        FieldType.Group => WireFormat.WireType.StartGroup,
        _ => WireFormat.WireType.Varint,
    };
}
