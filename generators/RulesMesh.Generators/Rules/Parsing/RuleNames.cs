namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>Metadata names of the rule API in the RulesMesh runtime library.</summary>
    internal static class RuleNames
    {
        public const string Namespace = "RulesMesh.Rules";
        public const string DeclarativeNamespace = "RulesMesh.Rules.Declarative";
        public const string RuleAttribute = "RulesMesh.Rules.RuleAttribute";
        public const string StageContractAttributeFullName = "RulesMesh.Rules.StageContractAttribute";
        public const string RulePipelinesAttribute = "RulesMesh.Rules.RulePipelinesAttribute";
        public const string AppliesToAttribute = "AppliesToAttribute";
        public const string StageContractAttribute = "StageContractAttribute";
        public const string StageContractManifestAttribute = "StageContractManifestAttribute";
        public const string RuleManifestAttribute = "RuleManifestAttribute";
        public const string RuleProfileAttribute = "RuleProfileAttribute";
        public const string RuleDecorator = "RulesMesh.Rules.RuleDecorator<TContract>";
        public const string RuleVerdict = "RulesMesh.Rules.IRuleVerdict";
        public const string TracedContext = "RulesMesh.Rules.ITracedContext";
        public const string RuleSubject = "RulesMesh.Mesh.IRuleSubject";
        public const string UseWaypointLabel = "UseWaypointLabelAttribute";
        public const string WaypointClass = "WaypointClassAttribute";
        public const string WaypointFor = "WaypointForAttribute";
        public const string ClusterNameFormat = "ClusterNameFormatAttribute";

        // The contracts whose implementation the generator writes for a data attribute.
        public const string ServiceCaptureRule = "RulesMesh.Capture.IServiceCaptureRule";
        public const string WaypointRule = "RulesMesh.Capture.IWaypointRule";
        public const string ClusterNameRule = "RulesMesh.Naming.IClusterNameRule";

        /// <summary>The <c>RuleStage</c> member names, by value.</summary>
        public static readonly string[] Stages = { "Capture", "ServiceModel", "Backends", "Routes", "Listeners", "Naming", "Policy", "Validation" };

        public static string StageName(int value) => value >= 0 && value < Stages.Length ? Stages[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
