using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>What the pipeline emitter writes into one <c>[RulePipelines]</c> class.</summary>
    /// <param name="Declaration">The user's <c>[RulePipelines]</c> class.</param>
    /// <param name="DefaultProfile">The profile <c>Create()</c> uses when none is asked for.</param>
    /// <param name="Profiles">Each profile's active rules.</param>
    /// <param name="Contracts">Every stage contract the generated pipelines implement.</param>
    /// <param name="Rules">Every rule entry of the shared <c>RuleInfo</c> table, once.</param>
    /// <param name="Unseen">Rules left out because their stage contract is not one this project can see (RM1011).</param>
    internal sealed record PipelineSet(
        PipelineDeclaration Declaration,
        string DefaultProfile,
        EquatableArray<ProfilePipeline> Profiles,
        EquatableArray<ContractModel> Contracts,
        EquatableArray<ActiveRule> Rules,
        EquatableArray<RuleModel> Unseen);

    /// <summary>The active rules of one profile, ordered by stage, contract and order within the contract, replacements applied.</summary>
    internal sealed record ProfilePipeline(string Profile, EquatableArray<ActiveRule> Rules);

    /// <summary>A rule in a profile, with the rule it replaced or decorated there, if any.</summary>
    /// <param name="Rule">The rule; a decorator carries the order and AppliesTo of the rule it decorates.</param>
    /// <param name="Replaced">The name of the rule it replaced or decorated.</param>
    /// <param name="Decorated">For a decorator, the classes it wraps, outermost first: inner decorators, then the decorated rule.</param>
    internal sealed record ActiveRule(RuleModel Rule, string? Replaced, EquatableArray<string> Decorated);

    /// <summary>A class marked <c>[RulePipelines]</c>.</summary>
    /// <param name="Namespace">Its namespace, empty for the global one.</param>
    /// <param name="ClassName">Its name.</param>
    /// <param name="IsStatic">Whether the user declared it static (the generated part repeats it).</param>
    /// <param name="DefaultProfile">The default profile the user asked for, if any.</param>
    /// <param name="IsPartial">Whether the user declared it partial; if not, nothing is generated into it (RM1028 says why).</param>
    internal sealed record PipelineDeclaration(string Namespace, string ClassName, bool IsStatic, string? DefaultProfile, bool IsPartial = true);
}
