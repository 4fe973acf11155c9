namespace RulesMesh.Rules;

/// <summary>
/// Written by the rules generator on every assembly that declares public stage contracts, one per contract, so that
/// pipelines generated in referencing projects implement them without scanning types.
/// </summary>
/// <param name="contract">The interface marked <see cref="StageContractAttribute"/>.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class StageContractManifestAttribute(Type contract) : Attribute
{
    /// <summary>The stage contract.</summary>
    public Type Contract { get; } = contract;
}
