namespace RulesMesh.Loading.CelLanguage;

/// <summary>The CEL type of a <see cref="CelRuntimeValue"/>.</summary>
internal enum CelValueKind
{
    /// <summary><c>null_type</c>.</summary>
    Null,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>int</c> (64 bits).</summary>
    Int,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>list</c>.</summary>
    List,

    /// <summary><c>map</c> (a JSON object).</summary>
    Map,

    /// <summary><c>google.protobuf.Duration</c>.</summary>
    Duration,

    /// <summary>The Kubernetes quantity type.</summary>
    Quantity,

    /// <summary>The Kubernetes URL type.</summary>
    Url,

    /// <summary><c>type</c>: the value of <c>type(x)</c> or of a type name such as <c>int</c>.</summary>
    Type,
}
