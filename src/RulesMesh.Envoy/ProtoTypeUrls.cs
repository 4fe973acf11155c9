using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>The type URL of a message type, as <c>Any.Pack</c> writes it and xDS names resource types.</summary>
public static class ProtoTypeUrls
{
    // What Any.Pack puts before a type's full name.
    private const string Prefix = "type.googleapis.com/";

    /// <summary><c>type.googleapis.com/</c> and the full name of <paramref name="descriptor"/>'s type.</summary>
    public static string Of(MessageDescriptor descriptor) => Prefix + (descriptor ?? throw new ArgumentNullException(nameof(descriptor))).FullName;
}
