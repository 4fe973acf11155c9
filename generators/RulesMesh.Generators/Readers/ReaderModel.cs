using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Readers
{
    internal enum ReadShapeKind
    {
        /// <summary>A scalar a <c>ModelReading</c> method reads inline (string, bool, int, long, double and their nullables).</summary>
        Scalar,

        /// <summary>A model type with a generated reader.</summary>
        Model,

        /// <summary><c>IList&lt;T&gt;</c> or <c>List&lt;T&gt;</c>, read into a <c>List&lt;T&gt;</c>.</summary>
        List,

        /// <summary><c>IDictionary&lt;string, T&gt;</c> or <c>Dictionary&lt;string, T&gt;</c>, read into a <c>Dictionary&lt;string, T&gt;</c>.</summary>
        Dictionary,

        /// <summary>Anything else (a converter's type, an array, <c>object</c>): read by the serializer.</summary>
        Serializer,
    }

    /// <summary>
    /// How one declared type is read. <see cref="TypeName"/> is its fully qualified C# name as declared (the serializer's
    /// error messages name it); <see cref="Method"/> is the reading method for scalars and models; <see cref="Element"/>
    /// is the item or value shape of a list or dictionary.
    /// </summary>
    internal sealed record ReadShape(ReadShapeKind Kind, string TypeName, string Method, ReadShape? Element);

    /// <summary>One settable property, matched by its exact <c>[JsonPropertyName]</c>.</summary>
    internal sealed record ReadProperty(string WireName, string Name, ReadShape Shape);

    /// <summary>A model type and the method that reads it.</summary>
    internal sealed record ReadType(string TypeName, string Method, EquatableArray<ReadProperty> Properties);

    /// <summary>The readers of one attributed class: where it is and every model type its roots reach.</summary>
    internal sealed record ReaderSet(string Namespace, string ClassName, string Accessibility, EquatableArray<ReadType> Types);
}
