using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>Policy stage: HTTP filters (RBAC) for a captured service's HTTP chains.</summary>
[StageContract(RuleStage.Policy)]
public interface IHttpAuthorizationRule
{
    /// <summary>The filters (possibly none), or null to leave it to the next rule.</summary>
    IReadOnlyList<HttpFilter>? HttpAuthorization(PolicyRequest request, TranslationContext context);
}
