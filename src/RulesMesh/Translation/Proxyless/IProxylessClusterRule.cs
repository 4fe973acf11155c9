using RulesMesh.Rules;

namespace RulesMesh.Translation.Proxyless;

/// <summary>Proxyless stage: a backend's cluster and endpoints as a gRPC xDS client accepts them.</summary>
[StageContract(RuleStage.Backends)]
public interface IProxylessClusterRule
{
    /// <summary>The cluster for proxyless clients (<see cref="ProxylessCluster.LeftOut"/> when gRPC cannot use it), or null to leave it to the next rule.</summary>
    ProxylessCluster? ProxylessCluster(ProxylessClusterRequest request, TranslationContext context);
}
