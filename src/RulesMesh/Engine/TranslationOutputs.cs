using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Models.GatewayKgatewayDev.V1alpha1;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Translation;

namespace RulesMesh.Engine;

/// <summary>What one full translation produced, before versioning.</summary>
/// <param name="SharedClusters">The backends stage's clusters, which every proxy receives.</param>
/// <param name="SharedEndpoints">Their load assignments.</param>
/// <param name="Gateways">Each proxy's own resources.</param>
/// <param name="GatewayStatuses">Gateway statuses by <c>ns/name</c>.</param>
/// <param name="RouteStatuses">HTTPRoute statuses by <c>ns/name</c>.</param>
/// <param name="BackendConfigPolicyStatuses">BackendConfigPolicy statuses by <c>ns/name</c>.</param>
/// <param name="Warnings">The run's warnings.</param>
internal sealed record TranslationOutputs(
    IReadOnlyList<Cluster> SharedClusters,
    IReadOnlyList<ClusterLoadAssignment> SharedEndpoints,
    IReadOnlyList<GatewayOutput> Gateways,
    IReadOnlyDictionary<string, GatewayStatus> GatewayStatuses,
    IReadOnlyDictionary<string, HTTPRouteStatus> RouteStatuses,
    IReadOnlyDictionary<string, BackendConfigPolicyStatus> BackendConfigPolicyStatuses,
    IReadOnlyList<TranslationWarning> Warnings);
