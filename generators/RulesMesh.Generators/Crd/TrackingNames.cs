namespace RulesMesh.Generators.Crd
{
    /// <summary>Names of the model generator's pipeline steps, for incrementality tests.</summary>
    internal static class TrackingNames
    {
        public const string SchemaFiles = nameof(SchemaFiles);
        public const string ParsedFiles = nameof(ParsedFiles);
        public const string ProvidedModels = nameof(ProvidedModels);
        public const string Options = nameof(Options);
        public const string ModelSet = nameof(ModelSet);
        public const string ModelUnits = nameof(ModelUnits);
        public const string Catalog = nameof(Catalog);
    }
}
