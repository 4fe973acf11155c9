using Microsoft.CodeAnalysis;

namespace RulesMesh.Generators.Diagnostics
{
    /// <summary>Every diagnostic the RulesMesh generators report. IDs are stable; each has a page under docs/diagnostics.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string ModelCategory = "RulesMesh.Models";
        private const string RuleCategory = "RulesMesh.Rules";
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

        public static readonly DiagnosticDescriptor NewVersionOfProvidedKind = Create(
            "RM0009",
            "A CRD adds a version to a kind a referenced assembly models",
            "'{0}' version '{1}' is not one the referenced assembly models (it reads {2} into '{3}'); a kind has one type, and a second type for '{1}' would be invisible to every rule written for '{3}'. Remove the version from this CRD (or set served: false), update the package that ships the kind, or set RulesMeshRegenerateProvidedModels to true to generate copies of your own, which the loader does not use",
            DiagnosticSeverity.Error);

        // The analyzer writes the whole message: which contracts (none, or which several) and what to do.
        public static readonly DiagnosticDescriptor RuleContract = CreateRule(
            "RM1001",
            "A rule must implement exactly one stage contract",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor RuleOrderClash = CreateRule(
            "RM1002",
            "Two rules of one contract share an Order",
            "Rule '{0}' has Order {1} in contract {2}, as has rule '{3}'{4}, and both are active in {5}; give one of them another Order, say After = \"{3}\", or let one replace the other",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor ReplacedRuleNotFound = CreateRule(
            "RM1003",
            "Replaced rule does not exist",
            "Rule '{0}' replaces '{1}', but no rule of that name exists in this project or in the assemblies it references{2}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor AppliesToUnknownKind = CreateRule(
            "RM1004",
            "AppliesTo names a kind with no model",
            "Rule '{0}' applies to {1}, a kind with no model; add its CustomResourceDefinition to the project as a RulesMeshCrd item, or reference an assembly that models it{2}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DataRuleNotPartial = CreateRule(
            "RM1005",
            "A data-attribute rule must be partial",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DuplicateRuleName = CreateRule(
            "RM1006",
            "Rule name used twice",
            "Rule name '{0}' is used by both '{1}' and '{2}'{3}; rule names must be unique",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor OrderingRuleNotFound = CreateRule(
            "RM1007",
            "Before or After names no rule of the same contract",
            "Rule '{0}' says {1} = \"{2}\", but {3}; name a rule that implements {4}, or remove {1}{5}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor OrderingCycle = CreateRule(
            "RM1008",
            "Before and After form a cycle",
            "Rule '{0}' cannot be ordered: Before and After form the cycle {1}; remove one of them",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor MalformedRuleManifest = CreateRule(
            "RM1009",
            "A referenced assembly's rule manifest cannot be read",
            "Referenced assembly '{0}': {1}; its entry is left out of the pipelines, so rebuild that assembly with this version of RulesMesh",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidStageContract = CreateRule(
            "RM1010",
            "The generated pipeline cannot implement this stage contract",
            "Stage contract '{0}' cannot be implemented by the generated pipelines: {1}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnseenStageContract = CreateRule(
            "RM1011",
            "A rule implements a stage contract this project cannot see",
            "Rule '{0}' implements stage contract '{1}', which this project cannot see (it is not public, or its assembly exports no stage contract manifest); the rule is left out of the pipelines of '{2}'",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UnknownProfile = CreateRule(
            "RM1012",
            "Rule names a profile nobody declares",
            "Rule '{0}' belongs to profile '{1}', which is not declared by [assembly: RuleProfile] in this project or in the assemblies it references; declare it with [assembly: RuleProfile(\"{1}\")] or name a declared profile ({3}){2}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor RuleReplacesItself = CreateRule(
            "RM1013",
            "A rule replaces itself",
            "Rule '{0}' replaces itself, which would remove it from every pipeline; name the rule it takes the place of",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ReplacedRuleNotInProfile = CreateRule(
            "RM1014",
            "Replaced rule is not in the replacing rule's profile",
            "Rule '{0}' belongs to profile '{1}' and replaces '{2}', which belongs only to profile '{3}'; a rule is replaced only where both are active, so this replaces nothing; drop Replaces, or move one of the rules to a profile they share",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor AppliesToUnreachableKind = CreateRule(
            "RM1015",
            "AppliesTo names a kind the rule's contract never receives",
            "Rule '{0}' applies to {1}, but its contract {2} {3}, so the rule would never run for it; remove this [AppliesTo] or implement a contract that receives {1}",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor AbstractRule = CreateRule(
            "RM1016",
            "A rule class is abstract",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor StaticRule = CreateRule(
            "RM1017",
            "A rule class is static",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor GenericRule = CreateRule(
            "RM1018",
            "A rule class is generic",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NestedRule = CreateRule(
            "RM1019",
            "A rule class is nested",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor RuleWithoutParameterlessConstructor = CreateRule(
            "RM1020",
            "A rule class has no parameterless constructor",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor RuleArgumentNotConstant = CreateRule(
            "RM1021",
            "A rule attribute argument cannot be evaluated",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DecoratedRuleNotFound = CreateRule(
            "RM1022",
            "Decorates names no other rule of the same contract",
            "Rule '{0}' decorates '{1}', but {2}; name another rule that implements {3}{4}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor DecoratorWithoutBase = CreateRule(
            "RM1023",
            "A decorator must derive from RuleDecorator of its contract",
            "Rule '{0}' decorates '{1}' but does not derive from RuleDecorator<{2}>, so the pipeline cannot hand it the decorated rule; derive from RuleDecorator<{2}>",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DecoratorWithAppliesTo = CreateRule(
            "RM1024",
            "A decorator declares AppliesTo",
            "Rule '{0}' decorates '{1}' and declares [AppliesTo]; a decorator runs exactly where the rule it decorates runs (its AppliesTo), so remove this [AppliesTo] and check the object inside the decorator",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor EmptyRuleName = CreateRule(
            "RM1025",
            "A rule name is empty",
            "Rule '{0}' has an empty name; Before, After, Replaces, Decorates, traces and the rule table know a rule by its name, so give it a unique dotted one such as 'example.capture.team-label'",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MutableRuleState = CreateRule(
            "RM1026",
            "A rule keeps mutable state",
            "Rule '{0}' keeps state in {1}; a pipeline creates each rule once and calls it for every object, in every recompute and from concurrent requests, so what one call leaves there changes the next call's result. Pass what the rule needs through the contract's arguments and return it in the result; keep only settings, set once, in readonly fields",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor ContractWithoutRule = CreateRule(
            "RM1027",
            "A class implements a stage contract but is not a rule",
            "Class '{0}' implements stage contract {1} but carries no [Rule], so no generated pipeline calls it; add [Rule(\"<name>\")] to make it a rule, or remove the interface if the class is not meant to be one",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor PipelinesNotPartial = CreateRule(
            "RM1028",
            "A [RulePipelines] class must be partial",
            "Class '{0}' is marked [RulePipelines] but is not partial, so the generator cannot add the pipelines to it and generates nothing; declare it 'partial'",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidClusterNameFormat = CreateRule(
            "RM1029",
            "A cluster name format has an unknown placeholder or an unbalanced brace",
            "Rule '{0}' names clusters by the format \"{1}\", where {2}; such text would be copied into every cluster name as written. The placeholders are {3}{4}",
            DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
            => new DiagnosticDescriptor(id, title, message, ModelCategory, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");

        private static DiagnosticDescriptor CreateRule(string id, string title, string message, DiagnosticSeverity severity, params string[] customTags)
            => new DiagnosticDescriptor(id, title, message, RuleCategory, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md", customTags: customTags);
    }
}
