namespace RulesMesh.Generators.Crd.Model
{
    /// <summary>The MSBuild settings the model generator reads.</summary>
    internal sealed record GeneratorOptions(string RootNamespace, bool RegenerateProvided);
}
