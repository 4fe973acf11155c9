using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>A map field with string keys, read through its generated property: an object of its entries in map order, left out when empty.</summary>
internal sealed class MapFieldWriter<TMessage, TValue>(FieldDescriptor field, Func<TMessage, MapField<string, TValue>> get, ProtoValueFormat<TValue> format)
    : ProtoFieldWriter(field)
    where TMessage : class, IMessage
    where TValue : class
{
    public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, IMessage message)
    {
        // The writer is chosen by message.Descriptor, which is TMessage's: a generated class describes only itself.
        var map = get(Unsafe.As<TMessage>(message));
        if (map.Count == 0)
        {
            return;
        }

        writer.WritePropertyName(Name);
        writer.WriteStartObject();
        foreach (var (key, value) in map)
        {
            writer.WritePropertyName(key);
            format.Write(json, writer, value);
        }

        writer.WriteEndObject();
    }
}
