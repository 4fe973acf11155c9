using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Readers
{
    /// <summary>
    /// Walks the root types' properties to every model type they reach and decides how each property is read. A type
    /// is read by a generated reader only when the reflection deserializer would read it by its <c>[JsonPropertyName]</c>
    /// names alone; anything that changes that (a converter, required members, other System.Text.Json attributes) goes to the serializer.
    /// </summary>
    internal static class ReaderModelBuilder
    {
        private const string JsonSerializationNamespace = "System.Text.Json.Serialization";

        public static ReaderSet Build(INamedTypeSymbol target, IEnumerable<INamedTypeSymbol> roots)
        {
            var methods = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
            var taken = new HashSet<string>();
            var pending = new Queue<INamedTypeSymbol>();
            var types = new List<ReadType>();

            string MethodFor(INamedTypeSymbol type)
            {
                if (!methods.TryGetValue(type, out var method))
                {
                    method = "Read" + type.Name;
                    for (var suffix = 2; !taken.Add(method); suffix++)
                    {
                        method = "Read" + type.Name + suffix;
                    }

                    methods.Add(type, method);
                    pending.Enqueue(type);
                }

                return method;
            }

            foreach (var root in roots.Where(IsModel))
            {
                MethodFor(root);
            }

            while (pending.Count > 0)
            {
                var type = pending.Dequeue();
                var properties = SettableProperties(type)
                    .Select(property => new ReadProperty(WireName(property)!, property.Name, Shape(property.Type, MethodFor)))
                    .ToEquatableArray();
                types.Add(new ReadType(Name(type), methods[type], properties));
            }

            var ns = target.ContainingNamespace.IsGlobalNamespace ? string.Empty : target.ContainingNamespace.ToDisplayString();
            var accessibility = target.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
            return new ReaderSet(ns, target.Name, accessibility, types.ToEquatableArray());
        }

        private static ReadShape Shape(ITypeSymbol type, System.Func<INamedTypeSymbol, string> methodFor)
        {
            var name = Name(type);
            if (Scalar(type) is { } scalar)
            {
                return new ReadShape(ReadShapeKind.Scalar, name, scalar, null);
            }

            if (HasTypeConverter(type))
            {
                return new ReadShape(ReadShapeKind.TypeConverter, name, string.Empty, null);
            }

            if (type is INamedTypeSymbol { IsGenericType: true } generic)
            {
                var definition = generic.ConstructedFrom.ToDisplayString();
                if (definition is "System.Collections.Generic.IList<T>" or "System.Collections.Generic.List<T>"
                    && Element(generic.TypeArguments[0], methodFor) is { } item)
                {
                    return new ReadShape(ReadShapeKind.List, name, string.Empty, item);
                }

                if (definition is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.Dictionary<TKey, TValue>"
                    && generic.TypeArguments[0].SpecialType == SpecialType.System_String
                    && Element(generic.TypeArguments[1], methodFor) is { } value)
                {
                    return new ReadShape(ReadShapeKind.Dictionary, name, string.Empty, value);
                }
            }

            if (type is INamedTypeSymbol named && IsModel(named))
            {
                return new ReadShape(ReadShapeKind.Model, name, methodFor(named), null);
            }

            return new ReadShape(ReadShapeKind.Serializer, name, string.Empty, null);
        }

        // A list's items and a dictionary's values: a nested list or dictionary is left to the serializer whole.
        private static ReadShape? Element(ITypeSymbol type, System.Func<INamedTypeSymbol, string> methodFor)
        {
            var shape = Shape(type, methodFor);
            return shape.Kind is ReadShapeKind.List or ReadShapeKind.Dictionary ? null : shape;
        }

        private static string? Scalar(ITypeSymbol type)
        {
            var nullable = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
            var inner = nullable ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
            var method = inner.SpecialType switch
            {
                SpecialType.System_String => "ReadString",
                SpecialType.System_Boolean => "ReadBoolean",
                SpecialType.System_Int32 => "ReadInt32",
                SpecialType.System_Int64 => "ReadInt64",
                SpecialType.System_Double => "ReadDouble",
                _ => null,
            };
            if (method is null)
            {
                return null;
            }

            return nullable ? "ReadNullable" + method.Substring("Read".Length) : method;
        }

        // A DateTime (KubernetesClient's options convert it) or a type that names its converter, or either's nullable.
        private static bool HasTypeConverter(ITypeSymbol type)
        {
            var inner = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
            return inner.SpecialType == SpecialType.System_DateTime
                   || JsonAttributes(inner).Any(a => a.AttributeClass?.Name == "JsonConverterAttribute");
        }

        private static bool IsModel(INamedTypeSymbol type)
            => type.TypeKind == TypeKind.Class
               && !type.IsAbstract
               && !type.IsStatic
               && !type.IsGenericType
               && IsPublic(type)
               && type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)
               && !JsonAttributes(type).Any()
               && Properties(type).All(ReadsByNameAlone);

        private static bool IsPublic(INamedTypeSymbol type)
            => type.DeclaredAccessibility == Accessibility.Public && (type.ContainingType is null || IsPublic(type.ContainingType));

        // What the reflection deserializer reads by name alone: a [JsonPropertyName] and nothing else of System.Text.Json's, not required.
        private static bool ReadsByNameAlone(IPropertySymbol property)
            => !property.IsRequired
               && WireName(property) is not null
               && JsonAttributes(property).All(a => a.AttributeClass?.Name is "JsonPropertyNameAttribute" or "JsonIgnoreAttribute" && !IgnoredOnRead(a))
               && (property.SetMethod is null || !property.SetMethod.IsInitOnly);

        // JsonIgnoreCondition: Never (0), WhenWritingDefault (2) and WhenWritingNull (3) still read; Always (1, the default) does not.
        private static bool IgnoredOnRead(AttributeData attribute)
            => attribute.AttributeClass?.Name == "JsonIgnoreAttribute"
               && !attribute.NamedArguments.Any(a => a.Key == "Condition" && a.Value.Value is int condition && condition is 0 or 2 or 3);

        private static IEnumerable<IPropertySymbol> Properties(INamedTypeSymbol type)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                {
                    if (!property.IsStatic && !property.IsIndexer && !property.IsOverride && property.DeclaredAccessibility == Accessibility.Public)
                    {
                        yield return property;
                    }
                }
            }
        }

        private static IEnumerable<IPropertySymbol> SettableProperties(INamedTypeSymbol type)
            => Properties(type).Where(p => p.SetMethod is { DeclaredAccessibility: Accessibility.Public });

        private static string? WireName(IPropertySymbol property)
            => property.GetAttributes()
                .FirstOrDefault(a => a.AttributeClass?.Name == "JsonPropertyNameAttribute" && a.AttributeClass.ContainingNamespace.ToDisplayString() == JsonSerializationNamespace)
                ?.ConstructorArguments.FirstOrDefault().Value as string;

        private static IEnumerable<AttributeData> JsonAttributes(ISymbol symbol)
            => symbol.GetAttributes().Where(a => a.AttributeClass?.ContainingNamespace.ToDisplayString() == JsonSerializationNamespace);

        private static string Name(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }
}
