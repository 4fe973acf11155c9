using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Xds;

namespace RulesMesh.Translation;

/// <summary>
/// The type URL of one message type, written once. <see cref="Any.Pack(IMessage)"/> builds a new URL string for every
/// message it packs and the packed filter keeps it: a filter built per chain or per cluster shares this one instead.
/// </summary>
internal sealed class PackedType(MessageDescriptor descriptor)
{
    /// <summary>The type URL, as <see cref="Any.Pack(IMessage)"/> writes it.</summary>
    public string TypeUrl { get; } = ProtoTypeUrls.Of(descriptor);

    /// <summary>A new <see cref="Any"/> holding <paramref name="message"/> (of this type), equal to what <see cref="Any.Pack(IMessage)"/> makes.</summary>
    public Any Pack(IMessage message) => new() { TypeUrl = TypeUrl, Value = message.ToByteString() };
}
