using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>Backends stage: the Envoy cluster of one backend.</summary>
[StageContract(RuleStage.Backends)]
public interface IClusterRule
{
    /// <summary>The cluster (with its inline endpoints' labels, if any), or null to leave it to the next rule.</summary>
    BackendCluster? BuildCluster(BackendObject backend, TranslationContext context);
}
