using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Proxyless;

/// <summary>Proxyless stage: everything proxyless gRPC clients get for one service (listeners, routes, clusters, endpoints).</summary>
[StageContract(RuleStage.Listeners)]
public interface IProxylessServiceRule
{
    /// <summary>The service's resources for proxyless clients, or null to leave it to the next rule.</summary>
    ProxylessService? ProxylessService(MeshService service, TranslationContext context);
}
