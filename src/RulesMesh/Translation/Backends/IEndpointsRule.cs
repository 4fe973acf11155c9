using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>Backends stage: the endpoints (EDS assignment) of one backend whose cluster is EDS.</summary>
[StageContract(RuleStage.Backends)]
public interface IEndpointsRule
{
    /// <summary>The assignment (with its endpoints' labels, if any), or null to leave it to the next rule.</summary>
    BackendEndpoints? BuildEndpoints(BackendObject backend, TranslationContext context);
}
