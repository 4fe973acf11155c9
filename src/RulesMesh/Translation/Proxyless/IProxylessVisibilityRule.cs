using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Proxyless;

/// <summary>Proxyless stage: which client namespaces a service is visible to (Istio's <c>exportTo</c>).</summary>
[StageContract(RuleStage.ServiceModel)]
public interface IProxylessVisibilityRule
{
    /// <summary>The service's visibility, or null to leave it to the next rule.</summary>
    ProxylessVisibility? Visibility(MeshService service, TranslationContext context);
}
