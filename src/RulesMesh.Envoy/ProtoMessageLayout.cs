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

    public ProtoMessageLayout(MessageDescriptor descriptor, ProtoFieldWriter[] fields)
    {
        Kind = KindOf(descriptor);
        Fields = fields;
    }

    public ProtoMessageKind Kind { get; }

    public ProtoFieldWriter[] Fields { get; }

    /// <summary>A well-known type: inside an <c>Any</c> it is written under <c>value</c>.</summary>
    public bool IsWellKnown => Kind != ProtoMessageKind.Ordinary;

    private static ProtoMessageKind KindOf(MessageDescriptor descriptor)
    {
        if (descriptor.File.Package != "google.protobuf" || !WellKnownFiles.Contains(descriptor.File.Name))
        {
            return ProtoMessageKind.Ordinary;
        }

        return descriptor.File.Name == "google/protobuf/wrappers.proto" ? ProtoMessageKind.Wrapper
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
