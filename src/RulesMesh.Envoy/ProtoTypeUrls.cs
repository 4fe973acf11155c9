using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>The type URL of a message type, as <c>Any.Pack</c> writes it and xDS names resource types.</summary>
public static class ProtoTypeUrls
{
    /// <summary>The prefix <c>Any.Pack</c> puts before a type's full name.</summary>
    public const string Prefix = "type.googleapis.com/";

    /// <summary><c>type.googleapis.com/</c> and the full name of <paramref name="descriptor"/>'s type.</summary>
    public static string Of(MessageDescriptor descriptor) => Prefix + (descriptor ?? throw new ArgumentNullException(nameof(descriptor))).FullName;
}
