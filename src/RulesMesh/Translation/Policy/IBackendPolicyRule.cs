using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>Policy stage: adjusts a backend's cluster and endpoints in place. Every such rule runs, in order.</summary>
[StageContract(RuleStage.Policy)]
public interface IBackendPolicyRule
{
    /// <summary>Applies the policy to <paramref name="request"/>'s cluster and endpoints, or leaves them as they are.</summary>
    void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context);
}
