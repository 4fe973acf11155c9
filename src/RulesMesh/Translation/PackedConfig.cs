using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Translation;

/// <summary>
/// A filter configuration packed once, for the filters every chain carries unchanged: its type URL and serialised
/// bytes, both immutable, so each filter gets its own <see cref="Any"/> without serialising the configuration again.
/// </summary>
internal readonly record struct PackedConfig(string TypeUrl, ByteString Value)
{
    public static PackedConfig Of(IMessage configuration)
    {
        var packed = Any.Pack(configuration);
        return new PackedConfig(packed.TypeUrl, packed.Value);
    }

    /// <summary>A new <see cref="Any"/> holding the configuration, as <see cref="Any.Pack(IMessage)"/> makes it.</summary>
    public Any ToAny() => new() { TypeUrl = TypeUrl, Value = Value };
}
