using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Xds;

/// <summary>What <see cref="ProtoJsonWriter"/> needs of one message type, computed once per type: its kind and the writers of its fields in number order.</summary>
internal sealed class ProtoMessageLayout
{
    // The files whose types Google.Protobuf's JsonFormatter treats as well-known (MessageDescriptor.IsWellKnownType, internal there).
    private static readonly HashSet<string> WellKnownFiles =
    [
        "google/protobuf/any.proto", "google/protobuf/api.proto", "google/protobuf/duration.proto", "google/protobuf/empty.proto",
        "google/protobuf/wrappers.proto", "google/protobuf/timestamp.proto", "google/protobuf/field_mask.proto",
        "google/protobuf/source_context.proto", "google/protobuf/struct.proto", "google/protobuf/type.proto",
    ];

    /// <param name="descriptor">The message type.</param>
    /// <param name="fieldWriters">Builds the writers of its fields, asked only for a type written field by field.</param>
    public ProtoMessageLayout(MessageDescriptor descriptor, Func<MessageDescriptor, ProtoFieldWriter[]> fieldWriters)
    {
        Kind = KindOf(descriptor);
        Fields = Kind is ProtoMessageKind.Ordinary or ProtoMessageKind.OtherWellKnown ? fieldWriters(descriptor) : [];
    }

    public ProtoMessageKind Kind { get; }

    public ProtoFieldWriter[] Fields { get; }

    /// <summary>A well-known type: inside an <c>Any</c> it is written under <c>value</c>.</summary>
    public bool IsWellKnown => Kind != ProtoMessageKind.Ordinary;

    /// <summary>A wrapper type (<c>UInt32Value</c>, <c>StringValue</c>, ...): JsonFormatter writes it as the wrapped value.</summary>
    public static bool IsWrapper(MessageDescriptor type) => type.File.Package == "google.protobuf" && type.File.Name == "google/protobuf/wrappers.proto";

    private static ProtoMessageKind KindOf(MessageDescriptor descriptor)
    {
        if (descriptor.File.Package != "google.protobuf" || !WellKnownFiles.Contains(descriptor.File.Name))
        {
            return ProtoMessageKind.Ordinary;
        }

        return IsWrapper(descriptor) ? ProtoMessageKind.Wrapper
            : descriptor.FullName == Timestamp.Descriptor.FullName ? ProtoMessageKind.Timestamp
            : descriptor.FullName == Duration.Descriptor.FullName ? ProtoMessageKind.Duration
            : descriptor.FullName == FieldMask.Descriptor.FullName ? ProtoMessageKind.FieldMask
            : descriptor.FullName == Struct.Descriptor.FullName ? ProtoMessageKind.Struct
            : descriptor.FullName == ListValue.Descriptor.FullName ? ProtoMessageKind.ListValue
            : descriptor.FullName == Value.Descriptor.FullName ? ProtoMessageKind.Value
            : descriptor.FullName == Any.Descriptor.FullName ? ProtoMessageKind.Any
            : ProtoMessageKind.OtherWellKnown;
    }
}
