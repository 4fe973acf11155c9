namespace RulesMesh.Xds;

/// <summary>How proto3 JSON writes a message type: as an object of its fields, or in a well-known type's own form.</summary>
internal enum ProtoMessageKind
{
    /// <summary>An object of the fields that are set.</summary>
    Ordinary,

    /// <summary>
    /// A type of a well-known file (<c>google/protobuf/empty.proto</c>, <c>api.proto</c>, ...) written as an ordinary
    /// object, except inside an <c>Any</c>, where it goes under <c>value</c>.
    /// </summary>
    OtherWellKnown,

    /// <summary><c>google.protobuf.*Value</c> of <c>wrappers.proto</c>: the wrapped value alone.</summary>
    Wrapper,

    /// <summary><c>google.protobuf.Timestamp</c>: RFC 3339 text in UTC.</summary>
    Timestamp,

    /// <summary><c>google.protobuf.Duration</c>: seconds with 0, 3, 6 or 9 fraction digits and an <c>s</c>.</summary>
    Duration,

    /// <summary><c>google.protobuf.FieldMask</c>: the paths in lowerCamel, comma-separated.</summary>
    FieldMask,

    /// <summary><c>google.protobuf.Struct</c>: a JSON object.</summary>
    Struct,

    /// <summary><c>google.protobuf.ListValue</c>: a JSON array.</summary>
    ListValue,

    /// <summary><c>google.protobuf.Value</c>: any JSON value.</summary>
    Value,

    /// <summary><c>google.protobuf.Any</c>: <c>@type</c> and the packed message's fields (or its <c>value</c>).</summary>
    Any,
}
