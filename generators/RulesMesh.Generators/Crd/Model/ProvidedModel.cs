namespace RulesMesh.Generators.Crd.Model
{
    /// <summary>A model that a referenced assembly already ships (read from its ProvidesModel attributes).</summary>
    internal sealed record ProvidedModel(string Key, string TypeName);
}
