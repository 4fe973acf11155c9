using System.Collections.Generic;
using System.Linq;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Model;
using RulesMesh.Generators.Readers;

namespace RulesMesh.Generators.Crd.Emitting
{
    /// <summary>
    /// Describes the generated readers of one unit's types for the reader emitter: what System.Text.Json's reflection
    /// deserializer reads from the emitted attributes (names, required members, extension data, converters), decided
    /// from the model the types were emitted from rather than from their symbols, which no other generator can see.
    /// The readers are methods of an internal class beside the kind's type, named after it (<see cref="ClassName"/>).
    /// </summary>
    internal static class UnitReaders
    {
        private const string Modeling = "global::RulesMesh.Modeling.";

        public static string HintName(KindVersionModel kind) => kind.Group + "." + kind.Version + "." + kind.Kind + ".Readers.g.cs";

        /// <summary>The reader of the kind's own type, qualified, as the catalog calls it.</summary>
        public static string RootReader(string rootNamespace, KindVersionModel kind)
            => "global::" + ModelEmitter.Namespace(rootNamespace, kind) + "." + ClassName(kind) + "." + Method(kind.Root.Name);

        /// <summary>The class of a kind's readers: <c>ServiceEntryReaders</c>.</summary>
        public static string ClassName(KindVersionModel kind) => kind.Root.Name + ClassSuffix;

        /// <summary>What a kind's readers class adds to the kind's name (the model builder keeps nested types off it).</summary>
        public const string ClassSuffix = "Readers";

        public static ReaderSet Build(ModelUnit unit)
        {
            var kind = unit.Kind;
            var ns = ModelEmitter.Namespace(unit.RootNamespace, kind);
            var names = new TypeNames(kind, "global::" + ns + ".");
            var declarations = kind.Types.ToDictionary(t => t.Id, t => t);
            var types = new List<ReadType>();
            foreach (var type in kind.Types)
            {
                var properties = type.Properties.Select(p => new ReadProperty(p.WireName, p.Name, PropertyShape(p, names, declarations), p.Required));
                switch (type.Kind)
                {
                    case TypeDeclarationKind.Resource:
                        var resource = new[]
                        {
                            new ReadProperty("apiVersion", "ApiVersion", new ReadShape(ReadShapeKind.Scalar, "string", "ReadString", null)),
                            new ReadProperty("kind", "Kind", new ReadShape(ReadShapeKind.Scalar, "string", "ReadString", null)),
                            new ReadProperty("metadata", "Metadata", new ReadShape(ReadShapeKind.Model, "global::k8s.Models.V1ObjectMeta", Modeling + "KubernetesTypeReaders.ReadV1ObjectMeta", null)),
                        };
                        types.Add(new ReadType(names.Name(type.Id), Method(type.Name), resource.Concat(properties).ToEquatableArray()));
                        break;
                    case TypeDeclarationKind.Object:
                        types.Add(new ReadType(names.Name(type.Id), Method(type.Name), properties.ToEquatableArray(), type.KeepsUnknownFields ? "AdditionalProperties" : null));
                        break;
                }
            }

            return new ReaderSet(ns, ClassName(kind), "internal", types.ToEquatableArray(), ReadsObsoleteTypes: unit.ObsoleteMessage is not null, Origin: kind.SourceFileName);
        }

        private static string Method(string typeName) => "Read" + typeName;

        // A property's own converter applies to it alone; its list items and map values are read by their type.
        private static ReadShape PropertyShape(PropertyModel property, TypeNames names, Dictionary<string, TypeDeclaration> declarations)
        {
            var type = property.Type;
            var declared = names.Render(type) + (property.Nullable && type.IsValueType ? "?" : string.Empty);
            if (type.JsonConverter is { } converter)
            {
                var method = property.Nullable && type.IsValueType ? "ReadNullableConverted" : "ReadConverted";
                return new ReadShape(ReadShapeKind.Converted, declared, method + "<" + names.Render(type) + ">", null, converter);
            }

            return Shape(type, property.Nullable, names, declarations);
        }

        private static ReadShape Shape(TypeRef type, bool nullable, TypeNames names, Dictionary<string, TypeDeclaration> declarations)
        {
            var name = names.Render(type);
            var declared = name + (nullable && type.IsValueType ? "?" : string.Empty);
            var orNull = nullable && type.IsValueType ? "Nullable" : string.Empty;
            switch (type.Kind)
            {
                case TypeRefKind.List or TypeRefKind.Map:
                    var element = Shape(type.Element!, nullable: false, names, declarations);
                    if (element.Kind is ReadShapeKind.List or ReadShapeKind.Dictionary or ReadShapeKind.Converted)
                    {
                        // A list of lists (or of maps) is left to the serializer whole, as the reader generator does.
                        return new ReadShape(ReadShapeKind.Serializer, declared, string.Empty, null);
                    }

                    return new ReadShape(type.Kind == TypeRefKind.List ? ReadShapeKind.List : ReadShapeKind.Dictionary, declared, string.Empty, element);
                case TypeRefKind.Declared when declarations[type.Name].Kind == TypeDeclarationKind.WireEnum:
                    return new ReadShape(ReadShapeKind.Scalar, declared, "Read" + orNull + "WireEnum<" + name + ">", null);
                case TypeRefKind.Declared:
                    return new ReadShape(ReadShapeKind.Model, declared, Method(declarations[type.Name].Name), null);
                case TypeRefKind.Builtin when type.JsonConverter is null && Scalar(type.Name) is { } scalar:
                    return new ReadShape(ReadShapeKind.Scalar, declared, "Read" + orNull + scalar, null);
                case TypeRefKind.Builtin when type.Name == "global::k8s.Models.V1Condition":
                    return new ReadShape(ReadShapeKind.Model, declared, Modeling + "KubernetesTypeReaders.ReadV1Condition", null);
                case TypeRefKind.Builtin when type.Name == "global::k8s.Models.IntOrString":
                    return new ReadShape(ReadShapeKind.TypeConverter, declared, string.Empty, null);
                default:
                    // Bytes, a date-time in a list: the serializer's converters read them.
                    return new ReadShape(ReadShapeKind.Serializer, declared, string.Empty, null);
            }
        }

        private static string? Scalar(string builtin) => builtin switch
        {
            "string" => "String",
            "bool" => "Boolean",
            "int" => "Int32",
            "uint" => "UInt32",
            "long" => "Int64",
            "double" => "Double",
            "global::System.Text.Json.JsonElement" => "JsonElement",
            _ => null,
        };
    }
}
