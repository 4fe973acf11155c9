using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Readers
{
    internal enum ReadShapeKind
    {
        /// <summary>A value a <c>ModelReading</c> method reads inline (string, bool, int, uint, long, double, JsonElement, a wire enum, and their nullables).</summary>
        Scalar,

        /// <summary>A model type with a generated reader.</summary>
        Model,

        /// <summary><c>IList&lt;T&gt;</c> or <c>List&lt;T&gt;</c>, read into a <c>List&lt;T&gt;</c>.</summary>
        List,

        /// <summary><c>IDictionary&lt;string, T&gt;</c> or <c>Dictionary&lt;string, T&gt;</c>, read into a <c>Dictionary&lt;string, T&gt;</c>.</summary>
        Dictionary,

        /// <summary>A property with its own <c>[JsonConverter]</c>, read by that converter as the serializer calls it.</summary>
        Converted,

        /// <summary>
        /// A type the serializer reads with the converter it finds for the type, in the options or named on the type
        /// (dates, int-or-strings, quantities): that converter, called as the serializer calls it.
        /// </summary>
        TypeConverter,

        /// <summary>Anything else (an array, <c>object</c>, a type its attributes change): read by the serializer.</summary>
        Serializer,
    }

    /// <summary>
    /// How one declared type is read. <see cref="TypeName"/> is its fully qualified C# name as declared (the serializer's
    /// error messages name it); <see cref="Method"/> is the reading method for scalars, models and converted properties
    /// (a model's may be another class's, qualified); <see cref="Element"/> is the item or value shape of a list or
    /// dictionary; <see cref="Converter"/> is a converted property's converter type.
    /// </summary>
    internal sealed record ReadShape(ReadShapeKind Kind, string TypeName, string Method, ReadShape? Element, string? Converter = null);

    /// <summary>One settable property, matched by its exact <c>[JsonPropertyName]</c>; a required one must be present.</summary>
    internal sealed record ReadProperty(string WireName, string Name, ReadShape Shape, bool Required = false);

    /// <summary>
    /// A model type and the method that reads it; <see cref="ExtensionData"/> names its <c>[JsonExtensionData]</c>
    /// dictionary of <c>JsonElement</c>s, which keeps the properties it does not know (null: they are skipped).
    /// </summary>
    internal sealed record ReadType(string TypeName, string Method, EquatableArray<ReadProperty> Properties, string? ExtensionData = null);

    /// <summary>
    /// The readers of one class: where it is and every model type it reads. <see cref="ReadsObsoleteTypes"/> marks
    /// readers of a deprecated version's <c>[Obsolete]</c> types, which must not warn. <see cref="Origin"/> says in the
    /// file's header what asked for them.
    /// </summary>
    internal sealed record ReaderSet(string Namespace, string ClassName, string Accessibility, EquatableArray<ReadType> Types, bool ReadsObsoleteTypes = false, string Origin = "[GenerateModelReaders]");
}
