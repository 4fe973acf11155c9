using System.Collections.Generic;
using System.Linq;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Model;
using RulesMesh.Generators.Crd.Naming;

namespace RulesMesh.Generators.Crd.Emitting
{
    /// <summary>
    /// Emits the conversion of a version whose schema differs from its kind's hub: one <c>ToHub</c> per type that has
    /// a counterpart at the same schema path of the hub, copying field by field every property the two share (same wire
    /// name, convertible type), and a <c>partial</c> <c>CompleteToHub</c> hook per type where hand-written code sets the
    /// rest (a renamed field, a changed type, a hub field the older version lacks).
    /// </summary>
    internal static class ConversionEmitter
    {
        private static readonly string[] ConversionRemarks =
        {
            "Properties with the same wire name and a convertible type are copied; implement the partial CompleteToHub hooks for the rest. Hub fields the older version lacks start unset.",
        };

        public static void Emit(SourceWriter writer, KindVersionModel source, TypeNames sourceNames, KindVersionModel hub, TypeNames hubNames, string? obsoleteMessage)
        {
            var pairs = Pair(source, hub);
            var className = ModelSetBuilder.ConversionClassName(source);
            DocComments.Write(writer, $"Converts {source.Group}/{source.Version} {source.Kind} objects to the hub version {hub.Version}; the loader calls it once per object.", ConversionRemarks);
            ModelEmitter.WriteObsolete(writer, obsoleteMessage);
            writer.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"RulesMesh.Generators\", \"1.0\")]");
            writer.OpenBlock("public static partial class " + className);
            var first = true;
            foreach (var pair in pairs.Values.OrderBy(p => p.Order))
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                var from = sourceNames.Name(pair.Source.Id);
                var to = hubNames.Name(pair.Hub.Id);
                if (pair.Source.Kind == TypeDeclarationKind.WireEnum)
                {
                    writer.Line($"/// <summary>The same wire value as a {hub.Version} value.</summary>");
                    writer.Line($"public static {to} ToHub(this {from} source) => {to}.FromWire(source.Value);");
                    continue;
                }

                writer.Line($"/// <summary>Schema path {source.Kind}{pair.Source.Id} as {hub.Version}.</summary>");
                writer.OpenBlock($"public static {to} ToHub(this {from} source)");
                writer.OpenBlock($"var hub = new {to}");
                if (pair.Source.Kind == TypeDeclarationKind.Resource)
                {
                    writer.Line($"ApiVersion = {to}.KubeApiVersion,");
                    writer.Line("Kind = source.Kind,");
                    writer.Line("Metadata = source.Metadata,");
                }

                if (pair.Source.KeepsUnknownFields && pair.Hub.KeepsUnknownFields)
                {
                    writer.Line("AdditionalProperties = source.AdditionalProperties,");
                }

                foreach (var property in pair.Hub.Properties)
                {
                    var shared = pair.Source.Properties.FirstOrDefault(p => p.WireName == property.WireName);
                    var value = shared is null ? null : Value(shared, property, pairs);
                    if (value is not null)
                    {
                        writer.Line($"{property.Name} = {value},");
                    }
                    else if (property.Required)
                    {
                        writer.Line($"{property.Name} = default!, // not converted from {source.Version}: set in CompleteToHub");
                    }
                }

                writer.CloseBlock(";");
                writer.Line("CompleteToHub(source, hub);");
                writer.Line("return hub;");
                writer.CloseBlock();
                writer.Line();
                writer.Line($"/// <summary>Sets what the generated <see cref=\"ToHub({from})\"/> could not copy.</summary>");
                writer.Line($"static partial void CompleteToHub({from} source, {to} hub);");
            }

            writer.CloseBlock();
        }

        /// <summary>A source type, its hub counterpart, and when the walk found it (the order methods are emitted in).</summary>
        private sealed record TypePair(TypeDeclaration Source, TypeDeclaration Hub, int Order);

        /// <summary>Walks both schemas from the root; a source type pairs with the hub type at the same path, once.</summary>
        private static Dictionary<string, TypePair> Pair(KindVersionModel source, KindVersionModel hub)
        {
            var sourceById = source.Types.ToDictionary(t => t.Id, System.StringComparer.Ordinal);
            var hubById = hub.Types.ToDictionary(t => t.Id, System.StringComparer.Ordinal);
            var pairs = new Dictionary<string, TypePair>(System.StringComparer.Ordinal);
            var pending = new Queue<TypePair>();
            pairs.Add(source.Root.Id, new TypePair(source.Root, hub.Root, 0));
            pending.Enqueue(pairs[source.Root.Id]);
            while (pending.Count > 0)
            {
                var (from, to, _) = pending.Dequeue();
                foreach (var property in from.Properties)
                {
                    var counterpart = to.Properties.FirstOrDefault(p => p.WireName == property.WireName);
                    if (counterpart is not null)
                    {
                        PairDeclared(property.Type, counterpart.Type);
                    }
                }
            }

            return pairs;

            void PairDeclared(TypeRef from, TypeRef to)
            {
                if (from.Kind != to.Kind)
                {
                    return;
                }

                if (from.Kind is TypeRefKind.List or TypeRefKind.Map)
                {
                    PairDeclared(from.Element!, to.Element!);
                }
                else if (from.Kind == TypeRefKind.Declared
                    && sourceById.TryGetValue(from.Name, out var fromType)
                    && hubById.TryGetValue(to.Name, out var toType)
                    && fromType.Kind == toType.Kind
                    && !pairs.ContainsKey(fromType.Id))
                {
                    var pair = new TypePair(fromType, toType, pairs.Count);
                    pairs.Add(fromType.Id, pair);
                    pending.Enqueue(pair);
                }
            }
        }

        // The expression that sets a hub property from a source property, or null when the types do not convert.
        private static string? Value(PropertyModel from, PropertyModel to, Dictionary<string, TypePair> pairs)
        {
            var read = "source." + from.Name;
            var orDefault = from.Nullable && !to.Nullable ? (to.Type.IsValueType ? " ?? default" : "!") : string.Empty;
            if (Same(from.Type, to.Type))
            {
                return read + orDefault;
            }

            if (Convert(Placeholder, from.Type, to.Type, pairs, 0) is not { } converted)
            {
                return null;
            }

            if (!from.Nullable)
            {
                return converted.Replace(Placeholder, read);
            }

            // A nullable source converts behind ?. (source.Spec?.ToHub()), or behind a null check for a map.
            var expression = converted.StartsWith(Placeholder + ".", System.StringComparison.Ordinal)
                ? read + "?" + converted.Substring(Placeholder.Length)
                : $"{read} is null ? null : {converted.Replace(Placeholder, read)}";
            return orDefault.Length == 0 || expression.StartsWith(read + "?", System.StringComparison.Ordinal) ? expression + orDefault : "(" + expression + ")" + orDefault;
        }

        private const string Placeholder = "\u0001";

        // A builtin, or a list or map of builtins, is the same C# type in both versions and is assigned as is.
        private static bool Same(TypeRef from, TypeRef to)
            => from.Kind == to.Kind && from.Kind != TypeRefKind.Declared
                && (from.Kind == TypeRefKind.Builtin ? from.Name == to.Name : Same(from.Element!, to.Element!));

        private static string? Convert(string value, TypeRef from, TypeRef to, Dictionary<string, TypePair> pairs, int depth)
        {
            if (from.Kind != to.Kind)
            {
                return null;
            }

            var item = depth == 0 ? "item" : "item" + (depth + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (from.Kind)
            {
                case TypeRefKind.Builtin:
                    return from.Name == to.Name ? value : null;
                case TypeRefKind.Declared:
                    return pairs.TryGetValue(from.Name, out var pair) && pair.Hub.Id == to.Name ? value + ".ToHub()" : null;
                case TypeRefKind.List:
                    return Convert(item, from.Element!, to.Element!, pairs, depth + 1) is { } element
                        ? element == item ? value : $"{value}.ConvertAll(static {item} => {element})"
                        : null;
                case TypeRefKind.Map:
                    return Convert(item, from.Element!, to.Element!, pairs, depth + 1) is { } mapped
                        ? mapped == item ? value : $"global::RulesMesh.Modeling.ModelConversion.ConvertValues({value}, static {item} => {mapped})"
                        : null;
                default:
                    return null;
            }
        }
    }
}
