namespace RulesMesh.Generators.Rules
{
    /// <summary>Names of the rules generator's pipeline steps, for incrementality tests.</summary>
    internal static class TrackingNames
    {
        public const string LocalRules = nameof(LocalRules);
        public const string UnevaluableArguments = nameof(UnevaluableArguments);
        public const string LocalContracts = nameof(LocalContracts);
        public const string ReferencedRules = nameof(ReferencedRules);
        public const string Contracts = nameof(Contracts);
        public const string Declarations = nameof(Declarations);
        public const string Pipelines = nameof(Pipelines);
        public const string Manifest = nameof(Manifest);
    }
}
