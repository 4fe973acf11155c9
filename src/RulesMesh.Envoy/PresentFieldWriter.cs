using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>
/// A field whose generated property is null when it is not set: a message field (a oneof member's too), or a
/// <c>StringValue</c> or <c>BytesValue</c> wrapper, whose property is the wrapped value.
/// </summary>
internal sealed class PresentFieldWriter<TMessage, TValue>(FieldDescriptor field, Func<TMessage, TValue?> get, ProtoValueFormat<TValue> format)
    : ProtoFieldWriter(field)
    where TMessage : class, IMessage
    where TValue : class
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
