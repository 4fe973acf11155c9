using Envoy.Config.Listener.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>Policy stage: network filters (RBAC) for a captured service's TCP chains.</summary>
[StageContract(RuleStage.Policy)]
public interface INetworkAuthorizationRule
{
    /// <summary>The filters (possibly none), or null to leave it to the next rule.</summary>
    IReadOnlyList<Filter>? NetworkAuthorization(PolicyRequest request, TranslationContext context);
}
