using Google.Protobuf;
using RulesMesh.Xds;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Emits lists of Envoy resources into <see cref="XdsDocument"/>'s YAML: each message's proto3 JSON tree goes straight
/// to the emitter (<see cref="ProtoJsonWriter"/>, <see cref="YamlTokenWriter"/>), as <see cref="JsonYamlWriter"/> would
/// emit <see cref="EnvoyJson.Format"/>'s text.
/// </summary>
internal sealed class ResourceYamlWriter(IEmitter emitter)
{
    private readonly ProtoJsonWriter _messages = EnvoyJson.CreateWriter();
    private readonly YamlTokenWriter _tokens = new(emitter);

    /// <summary>Emits the key <paramref name="key"/> and a block sequence of <paramref name="messages"/>.</summary>
    public void Write<T>(string key, IEnumerable<T> messages)
        where T : IMessage
    {
        JsonYamlWriter.EmitString(emitter, key);
        emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
        foreach (var message in messages)
        {
            _messages.Write(message, _tokens);
        }

        emitter.Emit(new SequenceEnd());
    }
}
