using Microsoft.CodeAnalysis;

namespace RulesMesh.Generators.Diagnostics
{
    /// <summary>Every diagnostic the RulesMesh generators report. IDs are stable; each has a page under docs/diagnostics.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string ModelCategory = "RulesMesh.Models";
        private const string HelpLinkBase = "https://github.com/rulesmesh/rulesmesh/blob/main/docs/diagnostics/";

        public static readonly DiagnosticDescriptor InvalidYaml = Create(
            "RM0001",
            "Schema file is not valid YAML",
            "'{0}' is not valid YAML: {1}; no models were generated from it",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MissingOpenApiSchema = Create(
            "RM0002",
            "CRD version has no openAPIV3Schema",
            "CRD '{0}' version '{1}' has no schema.openAPIV3Schema; no model was generated for it",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UnsupportedSchemaConstruct = Create(
            "RM0003",
            "Unsupported schema construct",
            "{0} at '{1}' is not supported; the field is kept as raw JSON",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor TypeNameClash = Create(
            "RM0004",
            "Generated type name clash resolved",
            "The type name '{0}' for '{1}' is already used by '{2}'; generated as '{3}'",
            DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor PropertyNameClash = Create(
            "RM0005",
            "Wire names collide in C#",
            "Wire names '{0}' and '{1}' on '{2}' map to the same C# name; '{1}' is generated as '{3}'",
            DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor DuplicateKind = Create(
            "RM0006",
            "Kind defined twice",
            "'{0}' version '{1}' is also defined in '{2}'; this definition is ignored",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor KindProvidedByReference = Create(
            "RM0007",
            "Model already provided by a referenced assembly",
            "'{0}' version '{1}' is already modelled by '{2}' in a referenced assembly; it is not generated again",
            DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor InvalidCrd = Create(
            "RM0008",
            "Malformed CustomResourceDefinition",
            "This CustomResourceDefinition is missing '{0}'; it was skipped",
            DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
            => new DiagnosticDescriptor(id, title, message, ModelCategory, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
    }
}
