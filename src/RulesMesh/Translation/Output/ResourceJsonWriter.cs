using System.Text.Json;
using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Writes lists of Envoy resources into <see cref="XdsDocument"/>'s JSON: each message's proto3 JSON
/// (<see cref="ProtoJsonWriter"/>), the bytes <see cref="EnvoyJson.Format"/>'s text would give, formatted in parallel
/// batches (<see cref="ResourceBatches{TBatch}"/>, <see cref="ResourceJsonBatch"/>).
/// </summary>
internal sealed class ResourceJsonWriter(Utf8JsonWriter writer)
{
    // Flushing the JSON writer at this many pending bytes keeps its buffer small without a write per token.
    private const int FlushThreshold = 64 * 1024;

    private readonly ResourceBatches<ResourceJsonBatch> _batches = new(layouts => new ResourceJsonBatch(writer.Options, layouts));

    /// <summary>Writes the property <paramref name="key"/> holding an array of <paramref name="messages"/>.</summary>
    public void Write<T>(string key, IReadOnlyList<T> messages)
        where T : IMessage
    {
        writer.WriteStartArray(key);
        _batches.Write(messages, batch =>
        {
            writer.WriteRawValue(batch.Written, skipInputValidation: true);
            if (writer.BytesPending > FlushThreshold)
            {
                writer.Flush();
            }
        });
        writer.WriteEndArray();
    }
}
