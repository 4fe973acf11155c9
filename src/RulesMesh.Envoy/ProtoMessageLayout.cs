using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Xds;

/// <summary>
/// What <see cref="ProtoJsonWriter"/> needs of one message type, computed once per type: its kind, the writers of its
/// fields in number order, and its fields by number for writing its wire format (<see cref="ProtoWireWriter"/>).
/// </summary>
internal sealed class ProtoMessageLayout
{
    // The files whose types Google.Protobuf's JsonFormatter treats as well-known (MessageDescriptor.IsWellKnownType, internal there).
    private static readonly HashSet<string> WellKnownFiles =
    [
        "google/protobuf/any.proto", "google/protobuf/api.proto", "google/protobuf/duration.proto", "google/protobuf/empty.proto",
        "google/protobuf/wrappers.proto", "google/protobuf/timestamp.proto", "google/protobuf/field_mask.proto",
        "google/protobuf/source_context.proto", "google/protobuf/struct.proto", "google/protobuf/type.proto",
    ];

    private readonly Dictionary<int, ProtoWireField> _wireFields = [];

    /// <param name="descriptor">The message type.</param>
    /// <param name="layouts">Where the layouts of other types and enum names are found.</param>
    public ProtoMessageLayout(MessageDescriptor descriptor, ProtoMessageLayouts layouts)
    {
        Descriptor = descriptor;
        Kind = KindOf(descriptor);
        Fields = Kind is ProtoMessageKind.Ordinary or ProtoMessageKind.OtherWellKnown ? ProtoFieldWriters.For(descriptor, layouts) : [];
        if (Kind == ProtoMessageKind.Ordinary)
        {
            foreach (var field in descriptor.Fields.InFieldNumberOrder())
            {
                _wireFields.Add(field.FieldNumber, new ProtoWireField(field, layouts));
            }
        }
    }

    public MessageDescriptor Descriptor { get; }

    public ProtoMessageKind Kind { get; }

    public ProtoFieldWriter[] Fields { get; }

    /// <summary>The field numbered <paramref name="number"/> of an ordinary type, or null when it has none.</summary>
    public ProtoWireField? WireField(int number) => _wireFields.GetValueOrDefault(number);

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
