using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>
/// A message type met packed in an <c>Any</c>, with the last message parsed of it: a run of <c>Any</c>s holding the
/// same bytes (one filter configuration shared by many filter chains) is parsed once.
/// </summary>
internal sealed class ProtoPackedType(MessageDescriptor descriptor, ProtoMessageLayout layout)
{
    private ByteString? _lastBytes;
    private IMessage? _lastMessage;

    public ProtoMessageLayout Layout { get; } = layout;

    /// <summary>The message <paramref name="bytes"/> hold; writing does not change it, so equal bytes share one.</summary>
    public IMessage Parse(ByteString bytes)
    {
        if (_lastMessage is null || !bytes.Equals(_lastBytes))
        {
            _lastMessage = descriptor.Parser.ParseFrom(bytes);
            _lastBytes = bytes;
        }

        return _lastMessage;
    }
}
