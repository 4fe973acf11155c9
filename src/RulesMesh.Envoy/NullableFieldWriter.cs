using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>A wrapper field of a number or a bool (<c>UInt32Value</c>, <c>BoolValue</c>, ...), whose generated property is the nullable value.</summary>
internal sealed class NullableFieldWriter<TMessage, TValue>(FieldDescriptor field, Func<TMessage, TValue?> get, ProtoValueFormat<TValue> format)
    : ProtoFieldWriter(field)
    where TMessage : class, IMessage
    where TValue : struct
{
    public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, IMessage message)
    {
        // The writer is chosen by message.Descriptor, which is TMessage's: a generated class describes only itself.
        if (get(Unsafe.As<TMessage>(message)) is { } value)
        {
            writer.WritePropertyName(Name);
            format.Write(json, writer, value);
        }
    }
}
