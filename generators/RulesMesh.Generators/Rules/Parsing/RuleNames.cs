namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>Metadata names of the rule API in the RulesMesh runtime library.</summary>
    internal static class RuleNames
    {
        public const string Namespace = "RulesMesh.Rules";
        public const string DeclarativeNamespace = "RulesMesh.Rules.Declarative";
        public const string RuleAttribute = "RulesMesh.Rules.RuleAttribute";
        public const string AppliesToAttribute = "AppliesToAttribute";
        public const string StageContractAttribute = "StageContractAttribute";
        public const string WaypointRule = "IWaypointRule";
        public const string ServiceCaptureRule = "IServiceCaptureRule";
        public const string ServiceModelRule = "IServiceModelRule";
        public const string ClusterNameRule = "IClusterNameRule";
        public const string ListenerRule = "IWaypointListenerRule";
        public const string UseWaypointLabel = "UseWaypointLabelAttribute";
        public const string WaypointClass = "WaypointClassAttribute";
        public const string WaypointFor = "WaypointForAttribute";
        public const string ClusterNameFormat = "ClusterNameFormatAttribute";
    }
}
