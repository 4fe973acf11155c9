using RulesMesh.Mesh;

namespace RulesMesh.Rules;

/// <summary>Naming stage: names the Envoy cluster of a backend. The first rule that returns a name wins.</summary>
public interface IClusterNameRule
{
    /// <summary>The cluster name, or null to leave it to the next rule.</summary>
    string? ClusterName(BackendTarget target, RuleContext context);
}
