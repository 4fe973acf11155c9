using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Model;
using RulesMesh.Generators.Crd.Naming;
using RulesMesh.Generators.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace RulesMesh.Generators.Crd.Parsing
{
    /// <summary>
    /// Maps one version's <c>openAPIV3Schema</c> to type declarations, kopium-style: one type per kind and
    /// per nested object, named by path (<c>ServiceEntry</c>, <c>ServiceEntrySpec</c>, <c>ServiceEntryPorts</c>).
    /// Validation-only keywords (oneOf/anyOf, CEL, bounds) shape no type; they stay in the embedded schema.
    /// </summary>
    internal sealed class SchemaMapper
    {
        private const string JsonElement = "global::System.Text.Json.JsonElement";
        private const string ExtensionDataName = "AdditionalProperties";
        private static readonly string[] ResourceMembers = { "ApiVersion", "Kind", "Metadata" };

        private readonly string _kind;
        private readonly string _filePath;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly List<TypeDeclaration> _types = new List<TypeDeclaration>();
        private readonly HashSet<string> _typeNames = new HashSet<string>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, string> _reservedNames = new Dictionary<string, string>(System.StringComparer.Ordinal);

        private SchemaMapper(string kind, string filePath, List<DiagnosticInfo> diagnostics)
        {
            _kind = kind;
            _filePath = filePath;
            _diagnostics = diagnostics;
        }

        public static EquatableArray<TypeDeclaration> Map(string kind, YamlMappingNode schema, string filePath, List<DiagnosticInfo> diagnostics)
        {
            var mapper = new SchemaMapper(kind, filePath, diagnostics);
            return mapper.MapResource(schema);
        }

        private EquatableArray<TypeDeclaration> MapResource(YamlMappingNode schema)
        {
            _typeNames.Add(_kind);

            // The spec and status types take their names before anything nested can claim them.
            foreach (var top in new[] { "spec", "status" })
            {
                if (schema.GetMapping("properties")?.GetMapping(top) is { } topSchema && DeclaresObject(topSchema))
                {
                    var name = _kind + CSharpNames.Pascal(top);
                    _typeNames.Add(name);
                    _reservedNames["." + top] = name;
                }
            }

            var properties = MapProperties(schema, _kind, string.Empty, isResource: true);
            var root = new TypeDeclaration(
                string.Empty,
                _kind,
                TypeDeclarationKind.Resource,
                schema.GetString("description"),
                properties,
                EquatableArray<string>.Empty,
                KeepsUnknownFields: false);
            _types.Insert(0, root);
            return SharedTypes.Merge(_kind, _types, _reservedNames.Keys).ToEquatableArray();
        }

        private EquatableArray<PropertyModel> MapProperties(YamlMappingNode schema, string ownerName, string ownerId, bool isResource)
        {
            var properties = schema.GetMapping("properties");
            if (properties is null)
            {
                return EquatableArray<PropertyModel>.Empty;
            }

            var required = new HashSet<string>(
                schema.GetSequence("required")?.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty) ?? Enumerable.Empty<string>(),
                System.StringComparer.Ordinal);

            var entries = new List<(string Wire, YamlMappingNode Schema)>();
            foreach (var entry in properties.Children)
            {
                var wire = ((YamlScalarNode)entry.Key).Value ?? string.Empty;
                if (isResource && (wire == "apiVersion" || wire == "kind" || wire == "metadata"))
                {
                    continue;
                }

                entries.Add((wire, entry.Value as YamlMappingNode ?? new YamlMappingNode()));
            }

            var names = AssignPropertyNames(entries.Select(e => e.Wire).ToList(), ownerName, ownerId, isResource, schema);
            var result = new List<PropertyModel>(entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                var (wire, propertySchema) = entries[i];
                var id = ownerId + "." + wire;
                var typeName = NestedTypeName(ownerName, ownerId, isResource, wire);
                var type = MapType(propertySchema, typeName, id);
                var isRequired = required.Contains(wire);
                var isNullable = !isRequired || propertySchema.GetBool("nullable");
                result.Add(new PropertyModel(
                    wire,
                    names[i],
                    type,
                    isRequired,
                    isNullable,
                    propertySchema.GetString("description"),
                    propertySchema.Get("default") is { } defaultNode ? YamlJson.Write(defaultNode) : null,
                    Constraints(propertySchema)));
            }

            return result.ToEquatableArray();
        }

        // Wire names without separators keep the plain PascalCase name; a snake_case twin that would clash
        // (Istio's mirror_percent next to mirrorPercent) keeps its underscores instead.
        private string[] AssignPropertyNames(List<string> wires, string ownerName, string ownerId, bool isResource, YamlMappingNode schema)
        {
            var taken = new HashSet<string>(System.StringComparer.Ordinal) { ownerName };
            if (isResource)
            {
                taken.UnionWith(ResourceMembers);
            }
            else if (schema.GetBool("x-kubernetes-preserve-unknown-fields"))
            {
                taken.Add(ExtensionDataName);
            }

            var names = new string[wires.Count];
            var plainFirst = Enumerable.Range(0, wires.Count).OrderBy(i => HasSeparator(wires[i]) ? 1 : 0).ThenBy(i => i);
            foreach (var i in plainFirst)
            {
                var wire = wires[i];
                var name = CSharpNames.Pascal(wire);
                if (!taken.Add(name))
                {
                    var owner = wires.FirstOrDefault(w => w != wire && CSharpNames.Pascal(w) == name) ?? ownerName;
                    var alternative = CSharpNames.Unique(HasSeparator(wire) ? CSharpNames.PascalKeepingSeparators(wire) : name, taken);
                    Report(schema, DiagnosticDescriptors.PropertyNameClash, owner, wire, DocPath(ownerId), alternative);
                    names[i] = alternative;
                }
                else
                {
                    names[i] = name;
                }
            }

            return names;
        }

        private static bool HasSeparator(string wire) => wire.Any(c => !char.IsLetterOrDigit(c));

        private string NestedTypeName(string ownerName, string ownerId, bool isResource, string wire)
        {
            var pascal = CSharpNames.Pascal(wire).TrimStart('@');
            if (isResource)
            {
                return _kind + pascal;
            }

            // Children of spec drop "Spec", as kopium does: ServiceEntryPorts rather than ServiceEntrySpecPorts.
            return ownerId == ".spec" ? _kind + pascal : ownerName + pascal;
        }

        private TypeRef MapType(YamlMappingNode schema, string typeName, string id)
        {
            if (schema.GetBool("x-kubernetes-int-or-string"))
            {
                return TypeRef.Builtin("global::k8s.Models.IntOrString", isValueType: false);
            }

            var type = schema.GetString("type");
            switch (type)
            {
                case "object":
                case null when schema.Get("properties") is not null:
                    return MapObject(schema, typeName, id);
                case "array":
                    // An element is one of many: ServiceEntryPort for ports, HTTPRouteRule for rules.
                    return TypeRef.ListOf(schema.GetMapping("items") is { } items
                        ? MapType(items, CSharpNames.Singular(typeName), id + "[]")
                        : TypeRef.Builtin(JsonElement, isValueType: true));
                case "string":
                    return MapString(schema, typeName, id);
                case "integer":
                    return MapInteger(schema);
                case "number":
                    return TypeRef.Builtin("double", isValueType: true);
                case "boolean":
                    return TypeRef.Builtin("bool", isValueType: true);
                case null:
                    // No type: free-form (preserve-unknown-fields) or a pure validation node; either way raw JSON.
                    return TypeRef.Builtin(JsonElement, isValueType: true);
                default:
                    Report(schema, DiagnosticDescriptors.UnsupportedSchemaConstruct, "Type '" + type + "'", DocPath(id));
                    return TypeRef.Builtin(JsonElement, isValueType: true);
            }
        }

        private TypeRef MapObject(YamlMappingNode schema, string typeName, string id)
        {
            if (schema.Get("properties") is YamlMappingNode properties)
            {
                if (IsKubernetesCondition(properties))
                {
                    return TypeRef.Builtin("global::k8s.Models.V1Condition", isValueType: false);
                }

                DeclareObject(schema, typeName, id);
                return TypeRef.Declared(id, isValueType: false);
            }

            switch (schema.Get("additionalProperties"))
            {
                case YamlMappingNode valueSchema:
                    return TypeRef.MapOf(MapType(valueSchema, typeName, id + "{}"));
                case YamlScalarNode { Value: "true" }:
                    return TypeRef.MapOf(TypeRef.Builtin(JsonElement, isValueType: true));
                default:
                    // An object with no declared shape is free-form JSON (x-kubernetes-preserve-unknown-fields).
                    return TypeRef.Builtin(JsonElement, isValueType: true);
            }
        }

        // metav1.Condition, which every Gateway API status (and many others) embeds: KubernetesClient models it already.
        private static readonly string[] ConditionFields = { "lastTransitionTime", "message", "observedGeneration", "reason", "status", "type" };

        private static bool IsKubernetesCondition(YamlMappingNode properties)
            => properties.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).OrderBy(k => k, System.StringComparer.Ordinal).SequenceEqual(ConditionFields);

        private void DeclareObject(YamlMappingNode schema, string typeName, string id)
        {
            if (!_reservedNames.TryGetValue(id, out var name))
            {
                name = CSharpNames.Unique(typeName, _typeNames);
                if (name != typeName)
                {
                    Report(schema, DiagnosticDescriptors.TypeNameClash, typeName, DocPath(id), "another type of " + _kind, name);
                }
            }

            // Reserve the slot first so types are emitted outer before inner, in schema order.
            var slot = _types.Count;
            _types.Add(null!);
            var properties = MapProperties(schema, name, id, isResource: false);
            _types[slot] = new TypeDeclaration(
                id,
                name,
                TypeDeclarationKind.Object,
                schema.GetString("description"),
                properties,
                EquatableArray<string>.Empty,
                schema.GetBool("x-kubernetes-preserve-unknown-fields"));
        }

        private TypeRef MapString(YamlMappingNode schema, string typeName, string id)
        {
            if (schema.GetSequence("enum") is { } values)
            {
                var name = CSharpNames.Unique(typeName, _typeNames);
                if (name != typeName)
                {
                    Report(schema, DiagnosticDescriptors.TypeNameClash, typeName, DocPath(id), "another type of " + _kind, name);
                }

                var wireValues = values.Children.OfType<YamlScalarNode>().Select(v => v.Value ?? string.Empty).Distinct().ToEquatableArray();
                _types.Add(new TypeDeclaration(id, name, TypeDeclarationKind.WireEnum, schema.GetString("description"), EquatableArray<PropertyModel>.Empty, wireValues, KeepsUnknownFields: false));
                return TypeRef.Declared(id, isValueType: true);
            }

            switch (schema.GetString("format"))
            {
                case "date-time":
                    return TypeRef.Builtin("global::System.DateTimeOffset", isValueType: true, "global::RulesMesh.Modeling.Rfc3339DateTimeOffsetConverter");
                case "byte":
                    return TypeRef.Builtin("byte[]", isValueType: false);
                default:
                    return TypeRef.Builtin("string", isValueType: false);
            }
        }

        private static TypeRef MapInteger(YamlMappingNode schema)
        {
            switch (schema.GetString("format"))
            {
                case "int32":
                    return TypeRef.Builtin("int", isValueType: true);
                case "int64":
                    return TypeRef.Builtin("long", isValueType: true);
            }

            // Istio writes proto uint32 as an unformatted integer bounded by [0, 4294967295].
            var minimum = ParseNumber(schema.GetString("minimum"));
            var maximum = ParseNumber(schema.GetString("maximum"));
            if (minimum >= 0 && maximum > int.MaxValue && maximum <= uint.MaxValue)
            {
                return TypeRef.Builtin("uint", isValueType: true);
            }

            return TypeRef.Builtin("long", isValueType: true);
        }

        private static double? ParseNumber(string? text)
            => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (double?)null;

        private static readonly string[] ConstraintKeywords =
        {
            "format", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
            "minProperties", "maxProperties", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
        };

        private static EquatableArray<string> Constraints(YamlMappingNode schema)
        {
            var constraints = new List<string>();
            foreach (var keyword in ConstraintKeywords)
            {
                if (schema.Get(keyword) is { } node)
                {
                    constraints.Add(keyword + ": " + (node is YamlScalarNode scalar ? scalar.Value : YamlJson.Write(node)));
                }
            }

            if (schema.GetSequence("x-kubernetes-validations") is { } rules)
            {
                constraints.Add("CEL rules: " + rules.Children.Count.ToString(CultureInfo.InvariantCulture));
            }

            return constraints.ToEquatableArray();
        }

        private string DocPath(string id) => id.Length == 0 ? _kind : _kind + id;

        private void Report(YamlNode at, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params string[] args)
            => _diagnostics.Add(DiagnosticInfo.Create(descriptor, new SourceLocation(_filePath, (int)at.Start.Line, (int)at.Start.Column), args));

        private static bool DeclaresObject(YamlMappingNode schema) => schema.Get("properties") is YamlMappingNode;
    }
}
