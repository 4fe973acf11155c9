using Envoy.Config.Cluster.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>Backends stage: the Envoy cluster of one backend.</summary>
[StageContract(RuleStage.Backends)]
public interface IClusterRule
{
    /// <summary>The cluster, or null to leave it to the next rule.</summary>
    Cluster? BuildCluster(BackendObject backend, TranslationContext context);
}
