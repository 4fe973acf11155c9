using System.Collections.Concurrent;
using System.Text.Json;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Pb.Enumvalue;

namespace RulesMesh.Xds;

/// <summary>
/// What <see cref="ProtoJsonWriter"/> learns of the message types and enums it writes, each worked out once (field
/// writers bound by reflection, enum names, the types named by <c>Any</c> type URLs) and shared by every writer given the
/// same instance, on any number of threads.
/// </summary>
/// <remarks>
/// A document written in parallel batches shares one, so that each type is learnt once per document rather than once per
/// batch writer.
/// </remarks>
public sealed class ProtoMessageLayouts
{
    private readonly Func<string, MessageDescriptor?> _findMessageType;
    private readonly ConcurrentDictionary<MessageDescriptor, ProtoMessageLayout> _messages = new();
    private readonly ConcurrentDictionary<EnumDescriptor, IReadOnlyDictionary<int, JsonEncodedText>> _enums = new();
    private readonly ConcurrentDictionary<string, ProtoMessageLayout> _packedTypes = new(StringComparer.Ordinal);

    /// <summary>Layouts resolving the types packed in <c>Any</c> by their full names through <paramref name="findMessageType"/> (null: unknown).</summary>
    public ProtoMessageLayouts(Func<string, MessageDescriptor?> findMessageType)
        => _findMessageType = findMessageType ?? throw new ArgumentNullException(nameof(findMessageType));

    internal ProtoMessageLayout Layout(MessageDescriptor descriptor)
        => _messages.TryGetValue(descriptor, out var layout) ? layout
            : _messages.GetOrAdd(descriptor, static (type, layouts) => new ProtoMessageLayout(type, layouts), this);

    /// <summary>The layout of the type an <c>Any</c>'s <paramref name="typeUrl"/> names.</summary>
    /// <exception cref="InvalidOperationException">No type of that name is known.</exception>
    internal ProtoMessageLayout PackedLayout(string typeUrl)
        => _packedTypes.TryGetValue(typeUrl, out var layout) ? layout
            : _packedTypes.GetOrAdd(typeUrl, static (url, layouts) => layouts.Layout(layouts.FindPacked(url)), this);

    // The name of each number, as JsonFormatter finds it: the value EnumDescriptor.FindValueByNumber gives (the first
    // declared with that number), by the json_name its options give or else its own name.
    internal IReadOnlyDictionary<int, JsonEncodedText> EnumNames(EnumDescriptor type)
        => _enums.TryGetValue(type, out var names) ? names
            : _enums.GetOrAdd(type, static type =>
            {
                var names = new Dictionary<int, JsonEncodedText>();
                foreach (var number in type.Values.Select(static v => v.Number).Distinct())
                {
                    var value = type.FindValueByNumber(number);
                    var options = value.GetOptions()?.GetExtension(JsonEnumvalueOptionsExtensions.Json);
                    names.Add(number, JsonEncodedText.Encode(options is { HasString: true } ? options.String : value.Name));
                }

                return names;
            });

    private MessageDescriptor FindPacked(string typeUrl)
    {
        var typeName = Any.GetTypeName(typeUrl);
        return _findMessageType(typeName) ?? throw new InvalidOperationException("Type registry has no descriptor for type name '" + typeName + "'");
    }
}
