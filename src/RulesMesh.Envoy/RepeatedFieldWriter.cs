using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>A repeated field of messages or strings, read through its generated property: an array, left out when empty.</summary>
internal sealed class RepeatedFieldWriter<TMessage, TItem>(FieldDescriptor field, Func<TMessage, IReadOnlyList<TItem>> get, ProtoValueFormat<TItem> format)
    : ProtoFieldWriter(field)
    where TMessage : class, IMessage
{
    public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, IMessage message)
    {
        // The writer is chosen by message.Descriptor, which is TMessage's: a generated class describes only itself.
        var items = get(Unsafe.As<TMessage>(message));
        if (items.Count == 0)
        {
            return;
        }

        writer.WritePropertyName(Name);
        writer.WriteStartArray();
        for (var i = 0; i < items.Count; i++)
        {
            format.Write(json, writer, items[i]);
        }

        writer.WriteEndArray();
    }
}
