using System.Buffers;
using System.Text.Json;
using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// A run of consecutive resources of one of <see cref="XdsDocument"/>'s arrays, written on a worker thread into a buffer
/// of its own exactly as the document's writer would write them (the line breaks, indentation and separators of array
/// elements two levels deep), so that the document's writer copies the bytes as they are.
/// </summary>
/// <remarks>Reused batch after batch; one thread at a time.</remarks>
internal sealed class ResourceJsonBatch
{
    private readonly ProtoJsonWriter _messages = EnvoyJson.CreateWriter();
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private int _start;

    /// <summary>How many resources the last <see cref="Write{T}"/> wrote.</summary>
    public int Count { get; private set; }

    /// <summary>The resources' text: each but the first preceded by a comma, each by a line break and its indentation.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan[_start..];

    /// <summary>Writes <paramref name="count"/> of <paramref name="messages"/> from <paramref name="start"/> with the document's <paramref name="options"/>, replacing what the batch held.</summary>
    public void Write<T>(IReadOnlyList<T> messages, int start, int count, JsonWriterOptions options)
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
            _messages.Write(messages[i], tokens);
        }

        writer.Flush();
        Count = count;
    }
}
