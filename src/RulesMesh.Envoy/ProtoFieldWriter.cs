using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>One field of a message type as <see cref="ProtoJsonWriter"/> writes it: its name and value, when proto3 JSON has it.</summary>
internal abstract class ProtoFieldWriter(FieldDescriptor field)
{
    /// <summary>The field's JSON name, encoded.</summary>
    public JsonEncodedText Name { get; } = JsonEncodedText.Encode(field.JsonName);

    /// <summary>
    /// Writes the field of <paramref name="message"/> (a message of the type the field belongs to) as a property, when
    /// it is set (a field with presence) or not at its default (one without).
    /// </summary>
    public abstract void Write(ProtoJsonWriter json, IJsonTokenWriter writer, IMessage message);
}
