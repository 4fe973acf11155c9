using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>Routes stage: resolves a route's backendRef (Service, ServiceEntry, Hostname, …) to a backend.</summary>
[StageContract(RuleStage.Routes)]
public interface IBackendRefRule
{
    /// <summary>The resolution, or null when the rule does not handle this ref's kind.</summary>
    BackendResolution? ResolveBackendRef(BackendRefRequest request, TranslationContext context);
}
