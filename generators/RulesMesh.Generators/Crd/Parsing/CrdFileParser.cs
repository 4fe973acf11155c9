using System.Collections.Generic;
using System.IO;
using System.Threading;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Model;
using RulesMesh.Generators.Diagnostics;
using RulesMesh.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RulesMesh.Generators.Crd.Parsing
{
    /// <summary>
    /// Reads one schema file into kind models. Never throws: a broken file or CRD becomes a diagnostic,
    /// and every other CRD in the file, and every other file, still generates.
    /// </summary>
    internal static class CrdFileParser
    {
        public static CrdFile Parse(string path, string text, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var kinds = new List<KindVersionModel>();
            var stream = new YamlStream();
            var locator = new YamlErrorLocator(new Parser(new StringReader(text)));
            try
            {
                stream.Load(locator);
            }
            catch (System.Exception e) when (e is YamlException or System.InvalidOperationException)
            {
                // YamlDotNet reports some errors at the start of the text (a tab as indentation, an unknown alias) and
                // throws InvalidOperationException, without a position, for a flow collection left open: placed here.
                var (start, message) = locator.Describe(e, text) ?? (e is YamlException yaml ? yaml.Start : Mark.Empty, e.Message);
                return Unreadable(path, new SourceLocation(path, (int)start.Line, (int)start.Column), message);
            }

            foreach (var document in stream.Documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (document.RootNode)
                {
                    case YamlMappingNode root:
                        if (root.GetString("kind") == "CustomResourceDefinition")
                        {
                            ReadCrd(path, root, kinds, diagnostics);
                        }

                        break;
                    case YamlScalarNode { Value: null or "" }:
                        break;
                    default:
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.InvalidYaml,
                            Locate(path, document.RootNode),
                            Path.GetFileName(path),
                            "a document is not a mapping of fields"));
                        break;
                }
            }

            return new CrdFile(path, kinds.ToEquatableArray(), diagnostics.ToEquatableArray());
        }

        private static CrdFile Unreadable(string path, SourceLocation location, string reason)
            => new CrdFile(
                path,
                EquatableArray<KindVersionModel>.Empty,
                new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, location, Path.GetFileName(path), reason) }.ToEquatableArray());

        private static void ReadCrd(string path, YamlMappingNode crd, List<KindVersionModel> kinds, List<DiagnosticInfo> diagnostics)
        {
            if (crd.GetString("apiVersion") != "apiextensions.k8s.io/v1")
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedSchemaConstruct,
                    Locate(path, crd),
                    "CustomResourceDefinition apiVersion '" + crd.GetString("apiVersion") + "' (only apiextensions.k8s.io/v1 is read)",
                    Path.GetFileName(path)));
                return;
            }

            var spec = crd.GetMapping("spec");
            var names = spec?.GetMapping("names");
            var missing = spec is null ? "spec"
                : spec.GetString("group") is null ? "spec.group"
                : names is null || names.GetString("kind") is null ? "spec.names.kind"
                : names.GetString("plural") is null ? "spec.names.plural"
                : spec.GetSequence("versions") is null ? "spec.versions"
                : null;
            if (missing is not null || spec is null || names is null)
            {
                // At the mapping the field is missing from, the closest place there is.
                YamlNode where = missing is "spec.names.kind" or "spec.names.plural" && names is not null ? names : (YamlNode?)spec ?? crd;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCrd, Locate(path, where), missing ?? "spec"));
                return;
            }

            var group = spec.GetString("group")!;
            var kind = names.GetString("kind")!;
            var plural = names.GetString("plural")!;
            var namespaced = spec.GetString("scope") != "Cluster";

            // Versions with the same schema share one type set: map (and report on) each distinct schema once.
            var mappedSchemas = new Dictionary<string, EquatableArray<TypeDeclaration>>(System.StringComparer.Ordinal);
            foreach (var node in spec.GetSequence("versions")!.Children)
            {
                if (node is not YamlMappingNode version || !version.GetBool("served"))
                {
                    continue;
                }

                var versionName = version.GetString("name") ?? string.Empty;
                var schema = version.GetMapping("schema")?.GetMapping("openAPIV3Schema");
                if (schema is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingOpenApiSchema, Locate(path, version), plural + "." + group, versionName));
                    continue;
                }

                var schemaJson = YamlJson.Write(schema);
                if (!mappedSchemas.TryGetValue(schemaJson, out var types))
                {
                    types = SchemaMapper.Map(kind, schema, path, diagnostics);
                    mappedSchemas.Add(schemaJson, types);
                }

                kinds.Add(new KindVersionModel(
                    group,
                    versionName,
                    kind,
                    plural,
                    namespaced,
                    version.GetBool("storage"),
                    version.GetBool("deprecated"),
                    version.GetString("deprecationWarning"),
                    Path.GetFileName(path),
                    Locate(path, version),
                    types,
                    schemaJson));
            }
        }

        private static SourceLocation Locate(string path, YamlNode node) => new SourceLocation(path, (int)node.Start.Line, (int)node.Start.Column);
    }
}
