using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>One resource of an <see cref="XdsSnapshot"/> list: its message, or its bytes when it is kept serialised.</summary>
internal interface ISnapshotResource
{
    /// <summary>The resource's message (parsed from its bytes when it is kept serialised).</summary>
    IMessage Resource { get; }

    /// <summary>The resource's bytes and type when it is kept serialised, else null.</summary>
    SerializedMessage? Serialized { get; }
}
