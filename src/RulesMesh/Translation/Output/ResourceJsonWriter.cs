using System.Text.Json;
using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Writes lists of Envoy resources into <see cref="XdsDocument"/>'s JSON: each message's proto3 JSON goes straight into
/// the document's writer (<see cref="ProtoJsonWriter"/>), the bytes <see cref="EnvoyJson.Format"/>'s text would give.
/// </summary>
internal sealed class ResourceJsonWriter(Utf8JsonWriter writer)
{
    // Flushing the JSON writer at this many pending bytes keeps its buffer small without a write per token.
    private const int FlushThreshold = 64 * 1024;

    private readonly ProtoJsonWriter _messages = EnvoyJson.CreateWriter();
    private readonly Utf8JsonTokenWriter _tokens = new(writer);

    /// <summary>Writes the property <paramref name="key"/> holding an array of <paramref name="messages"/>.</summary>
    public void Write<T>(string key, IEnumerable<T> messages)
        where T : IMessage
    {
        writer.WriteStartArray(key);
        foreach (var message in messages)
        {
            _messages.Write(message, _tokens);
            if (writer.BytesPending > FlushThreshold)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
    }
}
