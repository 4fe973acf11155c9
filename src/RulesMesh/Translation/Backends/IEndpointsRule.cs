using Envoy.Config.Endpoint.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>Backends stage: the endpoints (EDS assignment) of one backend whose cluster is EDS.</summary>
[StageContract(RuleStage.Backends)]
public interface IEndpointsRule
{
    /// <summary>The assignment, or null to leave it to the next rule.</summary>
    ClusterLoadAssignment? BuildEndpoints(BackendObject backend, TranslationContext context);
}
