using System.Buffers;
using System.Text.Json;
using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// A run of resources of one of <see cref="XdsDocument"/>'s JSON arrays, written with the document's
/// <see cref="JsonWriterOptions"/> and the line breaks, indentation and separators of array elements two levels deep.
/// </summary>
internal sealed class ResourceJsonBatch(JsonWriterOptions options, ProtoMessageLayouts layouts) : IResourceBatch
{
    private readonly ProtoJsonWriter _messages = new(layouts);
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private int _start;

    /// <inheritdoc />
    public int Count { get; private set; }

    /// <summary>The resources' text: each but the first preceded by a comma, each by a line break and its indentation.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan[_start..];

    /// <inheritdoc />
    public void Write<T>(IReadOnlyList<T> messages, int start, int count)
        where T : IMessage
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer, options);
        var tokens = new Utf8JsonTokenWriter(writer);

        // In the document a resource is an element of an array in the root object; the same depth gives the same indentation.
        writer.WriteStartArray();
        writer.WriteStartArray();
        writer.Flush();
        _start = _buffer.WrittenCount;
        for (var i = start; i < start + count; i++)
        {
            SnapshotResources<T>.Write(_messages, messages, i, tokens);
        }

        writer.Flush();
        Count = count;
    }
}
