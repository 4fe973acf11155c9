using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>What the pipeline emitter writes: one ordered rule list per profile.</summary>
    internal sealed record PipelineSet(string Namespace, string DefaultProfile, EquatableArray<ProfilePipeline> Profiles, EquatableArray<ContractMethod> Contracts);

    /// <summary>The active rules of one profile, ordered by stage, order and name, replacements applied.</summary>
    internal sealed record ProfilePipeline(string Profile, EquatableArray<ActiveRule> Rules);

    /// <summary>A rule in a profile, with the rule it replaced there, if any.</summary>
    internal sealed record ActiveRule(RuleModel Rule, string? Replaced);
}
