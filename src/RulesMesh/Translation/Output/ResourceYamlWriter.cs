using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Writes lists of Envoy resources into <see cref="XdsDocument"/>'s YAML: each message's proto3 JSON tree
/// (<see cref="ProtoJsonWriter"/>) as <see cref="JsonYamlWriter"/> would write <see cref="EnvoyJson.Format"/>'s text,
/// formatted in parallel batches (<see cref="ResourceBatches{TBatch}"/>, <see cref="ResourceYamlBatch"/>).
/// </summary>
internal sealed class ResourceYamlWriter(Utf8YamlTokenWriter writer)
{
    private readonly ResourceBatches<ResourceYamlBatch> _batches = new(static layouts => new ResourceYamlBatch(layouts));

    /// <summary>Writes the key <paramref name="key"/> and a block sequence of <paramref name="messages"/>.</summary>
    public void Write<T>(string key, IReadOnlyList<T> messages)
        where T : IMessage
    {
        writer.WritePropertyName(key);
        writer.WriteStartArray();
        _batches.Write(messages, batch => writer.WriteSequenceItems(batch.Written, batch.Column));
        writer.WriteEndArray();
    }
}
