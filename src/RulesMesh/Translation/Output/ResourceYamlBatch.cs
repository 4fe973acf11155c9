using System.Buffers;
using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// A run of resources of one of <see cref="XdsDocument"/>'s YAML sequences, written as items of a sequence that is the
/// value of a key of the root mapping: each a line break, <c>- </c> and the resource's mapping indented two spaces.
/// </summary>
internal sealed class ResourceYamlBatch(ProtoMessageLayouts layouts) : IResourceBatch
{
    private readonly ProtoJsonWriter _messages = new(layouts);
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly YamlPlainWords _words = new();
    private int _start;

    /// <inheritdoc />
    public int Count { get; private set; }

    /// <summary>The items' text: each starts with a line break; the last ends at <see cref="Column"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan[_start..];

    /// <summary>The column the last item ends at.</summary>
    public int Column { get; private set; }

    /// <inheritdoc />
    public void Write<T>(IReadOnlyList<T> messages, int start, int count)
        where T : IMessage
    {
        _buffer.ResetWrittenCount();
        var writer = new Utf8YamlTokenWriter(_buffer, _words);

        // Placed as the document's lists are: the value of a key of the root mapping.
        writer.WriteStartObject();
        writer.WritePropertyName("items");
        writer.WriteStartArray();
        _start = _buffer.WrittenCount;
        for (var i = start; i < start + count; i++)
        {
            SnapshotResources<T>.Write(_messages, messages, i, writer);
        }

        Column = writer.Column;
        Count = count;
    }
}
