using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Xds;

/// <summary>
/// A message kept as its protobuf bytes and its type. A translation's tens of thousands of resources live until it is
/// written or served; kept this way each is one array rather than a tree of objects the garbage collector walks again
/// and again, and it is hashed, packed for xDS and written (<see cref="ProtoJsonWriter"/>) without being serialised again.
/// </summary>
public sealed class SerializedMessage
{
    private readonly byte[] _bytes;

    private SerializedMessage(MessageDescriptor descriptor, byte[] bytes)
    {
        Descriptor = descriptor;
        _bytes = bytes;
    }

    /// <summary>The message's type.</summary>
    public MessageDescriptor Descriptor { get; }

    /// <summary>The message's bytes, as its generated class writes them.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Serialises <paramref name="message"/>; later changes to it are not seen.</summary>
    public static SerializedMessage Of(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Descriptor, message.ToByteArray());
    }

    /// <summary>A new message parsed from the bytes.</summary>
    public IMessage Parse() => Descriptor.Parser.ParseFrom(_bytes);

    /// <summary>The message packed in an <see cref="Any"/>, sharing these bytes: what <c>Any.Pack</c> of the message gives.</summary>
    public Any Pack() => new() { TypeUrl = ProtoTypeUrls.Of(Descriptor), Value = UnsafeByteOperations.UnsafeWrap(_bytes) };

    /// <summary>Whether <paramref name="other"/> is a message of the same type with the same bytes.</summary>
    public bool SameAs(SerializedMessage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(Descriptor, other.Descriptor) && _bytes.AsSpan().SequenceEqual(other._bytes);
    }
}
