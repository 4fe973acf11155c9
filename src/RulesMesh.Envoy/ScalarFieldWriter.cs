using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>
/// A singular field read through its generated property, unboxed: written when <paramref name="has"/> says it is set
/// (oneof members, <c>optional</c> scalars), or, for a field without presence, when not at its default.
/// </summary>
/// <typeparam name="TMessage">The generated class of the message type the field belongs to.</typeparam>
/// <typeparam name="TValue">The property's type (an enum's as <see cref="int"/>).</typeparam>
internal sealed class ScalarFieldWriter<TMessage, TValue>(FieldDescriptor field, Func<TMessage, TValue> get, Func<TMessage, bool>? has, ProtoValueFormat<TValue> format)
    : ProtoFieldWriter(field)
    where TMessage : class, IMessage
{
    public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, IMessage message)
    {
        // The writer is chosen by message.Descriptor, which is TMessage's: a generated class describes only itself.
        var typed = Unsafe.As<TMessage>(message);
        TValue value;
        if (has is not null)
        {
            if (!has(typed))
            {
                return;
            }

            value = get(typed);
        }
        else
        {
            value = get(typed);
            if (format.IsDefault(value))
            {
                return;
            }
        }

        writer.WritePropertyName(Name);
        format.Write(json, writer, value);
    }
}
