using System.Text.Json;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>What <see cref="ProtoJsonWriter"/> needs of one field, computed once per field: its encoded JSON name and shape.</summary>
internal sealed class ProtoFieldLayout(FieldDescriptor field)
{
    public FieldDescriptor Field { get; } = field;

    public IFieldAccessor Accessor { get; } = field.Accessor;

    public JsonEncodedText Name { get; } = JsonEncodedText.Encode(field.JsonName);

    /// <summary>Written when set (message fields, oneof members, <c>optional</c> scalars) rather than when not default.</summary>
    public bool HasPresence { get; } = field.HasPresence;

    public bool IsMap { get; } = field.IsMap;

    public bool IsRepeated { get; } = field.IsRepeated;

    public FieldType FieldType { get; } = field.FieldType;

    /// <summary>The value field of a map's entry type (its enum values are written by name), else null.</summary>
    public FieldDescriptor? MapValue { get; } = field.IsMap ? field.MessageType.FindFieldByNumber(2) : null;
}
