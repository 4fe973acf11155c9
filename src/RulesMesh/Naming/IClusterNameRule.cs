using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Naming;

/// <summary>Naming stage: names the Envoy cluster of a backend. The first rule that returns a name wins.</summary>
[StageContract(RuleStage.Naming)]
public interface IClusterNameRule
{
    /// <summary>The cluster name, or null to leave it to the next rule.</summary>
    string? ClusterName(BackendTarget target, RuleContext context);
}
