using Envoy.Config.Cluster.V3;
using Envoy.Extensions.Clusters.Common.Dns.V3;
using Envoy.Extensions.Clusters.Dns.V3;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// kgateway's cluster for a ServiceEntry that selects workloads (resolution STATIC and a non-empty
/// <c>workloadSelector</c>, docs/spec/kgateway-waypoint.md §3.3): EDS over ADS with locality-weighted load balancing; inline endpoints are ignored.
/// </summary>
[Rule("kgateway.backends.serviceentry-eds-cluster", Order = 400,
    Description = "A STATIC ServiceEntry with a non-empty workloadSelector is an EDS cluster with locality-weighted load balancing.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class ServiceEntryEdsCluster : IClusterRule
{
    /// <inheritdoc />
    public BackendCluster? BuildCluster(BackendObject backend, TranslationContext context)
        => ServiceEntrySpecs.Read(backend.Service) is { } entry && ServiceEntrySpecs.SelectsWorkloads(entry)
            ? ServiceEntryClusters.Base(backend).WithEds().WithLocalityWeighting()
            : null;
}

/// <summary>
/// kgateway's cluster for a STATIC ServiceEntry without a workload selector (docs/spec/kgateway-waypoint.md §3.3): <c>type: STATIC</c> with the
/// inline <c>endpoints</c> as its load assignment.
/// </summary>
[Rule("kgateway.backends.serviceentry-static-cluster", Order = 410,
    Description = "A STATIC ServiceEntry without a workload selector is a STATIC cluster whose load assignment is its inline endpoints, grouped by locality.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class ServiceEntryStaticCluster : IClusterRule
{
    /// <inheritdoc />
    public BackendCluster? BuildCluster(BackendObject backend, TranslationContext context)
    {
        if (ServiceEntrySpecs.Read(backend.Service) is not { } entry
            || ServiceEntrySpecs.Resolution(entry) != ServiceEntryResolution.Static
            || ServiceEntrySpecs.SelectsWorkloads(entry))
        {
            return null;
        }

        var cluster = ServiceEntryClusters.Base(backend);
        cluster.Type = Cluster.Types.DiscoveryType.Static;
        var endpoints = InlineEndpoints.Build(backend, entry, context);
        cluster.LoadAssignment = endpoints.Assignment;
        return new BackendCluster(cluster, endpoints);
    }
}

/// <summary>
/// kgateway's cluster for a DNS or DNS_ROUND_ROBIN ServiceEntry (docs/spec/kgateway-waypoint.md §3.3): the <c>envoy.clusters.dns</c> extension
/// (<c>dnsLookupFamily: V4_PREFERRED</c>; <c>allAddressesInSingleEndpoint</c> for round robin) with the inline endpoints
/// as its load assignment, or, without endpoints, the backend's own host (docs/spec/kgateway-waypoint.md §9.1: not every host of the entry).
/// </summary>
[Rule("kgateway.backends.serviceentry-dns-cluster", Order = 420,
    Description = "A DNS ServiceEntry is an envoy.clusters.dns cluster (all addresses in one endpoint for DNS_ROUND_ROBIN) over its inline endpoints, else over its own host.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class ServiceEntryDnsCluster : IClusterRule
{
    /// <summary>The name of Envoy's DNS cluster extension.</summary>
    public const string DnsClusterName = "envoy.clusters.dns";

    /// <summary>kgateway's default DNS lookup family (its <c>DnsLookupFamily</c> setting).</summary>
    public const DnsLookupFamily LookupFamily = DnsLookupFamily.V4Preferred;

    // The two DNS cluster configurations there are, serialised once each.
    private static readonly PackedConfig PackedRoundRobinDns = PackedConfig.Of(new DnsCluster { DnsLookupFamily = LookupFamily, AllAddressesInSingleEndpoint = true });
    private static readonly PackedConfig PackedStrictDns = PackedConfig.Of(new DnsCluster { DnsLookupFamily = LookupFamily, AllAddressesInSingleEndpoint = false });

    /// <inheritdoc />
    public BackendCluster? BuildCluster(BackendObject backend, TranslationContext context)
    {
        if (ServiceEntrySpecs.Read(backend.Service) is not { } entry)
        {
            return null;
        }

        var resolution = ServiceEntrySpecs.Resolution(entry);
        if (resolution != ServiceEntryResolution.Dns && resolution != ServiceEntryResolution.DnsRoundRobin)
        {
            return null;
        }

        var roundRobin = resolution == ServiceEntryResolution.DnsRoundRobin;
        var cluster = ServiceEntryClusters.Base(backend);
        cluster.ClusterType = new Cluster.Types.CustomClusterType
        {
            Name = DnsClusterName,
            TypedConfig = (roundRobin ? PackedRoundRobinDns : PackedStrictDns).ToAny(),
        };
        var endpoints = InlineEndpoints.Build(backend, entry, context);
        cluster.LoadAssignment = endpoints.Assignment;
        return new BackendCluster(cluster, endpoints);
    }
}

/// <summary>What the ServiceEntry cluster rules share.</summary>
internal static class ServiceEntryClusters
{
    /// <summary>
    /// The named cluster with a 5s connect timeout, HTTP/2 options when the port's protocol asks for them, and
    /// locality weighting when the traffic distribution is not Any (docs/spec/kgateway-destinationrule-priorities.md §B5).
    /// </summary>
    public static Cluster Base(BackendObject backend)
    {
        var cluster = ClusterDefaults.Base(backend, AppProtocols.IsHttp2(backend.Port.Protocol));
        return TrafficDistribution.Of(backend.Service) != TrafficDistributionMode.Any ? cluster.WithLocalityWeighting() : cluster;
    }
}
