namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>A <c>[StageContract]</c> interface of this compilation.</summary>
    /// <param name="Key">The contract's key (<see cref="ContractModel.Key"/>), which rules name it by, even when it cannot be implemented.</param>
    /// <param name="Contract">The contract, or null when the generator cannot implement it (analyzer RM1010 says why).</param>
    /// <param name="TypeOfName">The interface as <c>typeof</c> names it (open generic: <c>global::Ns.IRule&lt;&gt;</c>).</param>
    /// <param name="IsPublic">Public contracts are exported to referencing assemblies through the manifest.</param>
    internal sealed record LocalContract(string Key, ContractModel? Contract, string TypeOfName, bool IsPublic);
}
