using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// Istio's ServiceEntry backends (docs/spec/istio-gatewayapi.md §4.2): like kgateway's, one per host × port, but resolution NONE
/// has backends too (Istio gives them ORIGINAL_DST clusters, see <see cref="IstioServiceEntryPassthroughCluster"/>).
/// A DYNAMIC_DNS entry has none: a waypoint gives its hosts only the dynamic forward proxy clusters it builds itself
/// (docs/spec/istio-waypoint-output.md §3, §5), so it is left out here without a warning. A host that a Kubernetes
/// Service or an older entry of the namespace also claims is theirs (<see cref="IstioHostClaims"/>): the entry gets no
/// backend for it, so no cluster of the same name competes with the winner's.
/// </summary>
[Rule("istio.backends.serviceentry", Order = 200, Profile = "istio", Replaces = "kgateway.backends.serviceentry",
    Description = "A ServiceEntry has one backend per host and port, resolution NONE included, each aliased by the entry itself and by a Hostname per host; none for a host a Service or an older entry of its namespace claims.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class IstioServiceEntryBackends : IBackendsRule
{
    /// <inheritdoc />
    public IReadOnlyList<BackendObject>? Backends(MeshService service, TranslationContext context)
    {
        if (service.Source is not ServiceEntry entry)
        {
            return null;
        }

        if (ServiceEntrySpecs.Resolution(entry) == ServiceEntryResolution.DynamicDns)
        {
            return [];
        }

        var backends = ServiceEntryBackends.Build(service, context, passthrough: true);
        if (backends is null)
        {
            return null;
        }

        // Nearly every entry keeps all its hosts: the list is copied at the first backend left out.
        List<BackendObject>? kept = null;
        for (var i = 0; i < backends.Count; i++)
        {
            if (!IstioHostClaims.EntryKeeps(entry, backends[i].Host, context))
            {
                kept ??= [.. backends.Take(i)];
            }
            else
            {
                kept?.Add(backends[i]);
            }
        }

        return kept ?? backends;
    }
}

/// <summary>
/// Istio's cluster for a STATIC ServiceEntry that selects workloads (§4.2, <c>convertResolution</c>: ClientSideLB →
/// <c>EDS</c>): EDS over ADS as istiod sends it (<c>initialFetchTimeout: 0s</c>, <c>serviceName</c> the cluster name).
/// The endpoints are the same Pods and WorkloadEntries as kgateway's (<see cref="ServiceEntryEndpoint"/>).
/// </summary>
[Rule("istio.backends.serviceentry-eds-cluster", Order = 400, Profile = "istio", Replaces = "kgateway.backends.serviceentry-eds-cluster",
    Description = "A STATIC ServiceEntry with a non-empty workloadSelector is an EDS cluster, as istiod builds it.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class IstioServiceEntryEdsCluster : IClusterRule
{
    /// <inheritdoc />
    public BackendCluster? BuildCluster(BackendObject backend, TranslationContext context)
        => ServiceEntrySpecs.Read(backend.Service) is { } entry && ServiceEntrySpecs.SelectsWorkloads(entry)
            ? IstioClusters.Eds(backend)
            : null;
}

/// <summary>
/// Istio's cluster for a STATIC ServiceEntry with inline endpoints (§4.2: ClientSideLB → <c>EDS</c>): an EDS cluster like
/// <see cref="IstioServiceEntryEdsCluster"/>'s; the endpoints travel over EDS
/// (<see cref="IstioServiceEntryInlineEndpoints"/>), not inline as in kgateway.
/// </summary>
[Rule("istio.backends.serviceentry-static-cluster", Order = 410, Profile = "istio", Replaces = "kgateway.backends.serviceentry-static-cluster",
    Description = "A STATIC ServiceEntry without a workload selector is an EDS cluster whose endpoints are its inline endpoints, as istiod builds it.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class IstioServiceEntryStaticCluster : IClusterRule
{
    /// <inheritdoc />
    public BackendCluster? BuildCluster(BackendObject backend, TranslationContext context)
        => ServiceEntrySpecs.Read(backend.Service) is { } entry
            && ServiceEntrySpecs.Resolution(entry) == ServiceEntryResolution.Static
            && !ServiceEntrySpecs.SelectsWorkloads(entry)
            ? IstioClusters.Eds(backend)
            : null;
}

/// <summary>
/// Istio's cluster for a DNS or DNS_ROUND_ROBIN ServiceEntry (§4.2): <c>STRICT_DNS</c> for DNS, <c>LOGICAL_DNS</c> for
/// DNS_ROUND_ROBIN and for DNS with <c>istio.io/connect-strategy: RACE_FIRST_TCP_CONNECT</c>, with istiod's
/// <c>dnsLookupFamily: V4_ONLY</c> (an IPv4 proxy), <c>respectDnsTtl: true</c> and the mesh default
/// <c>dnsRefreshRate: 60s</c>; the endpoints inline, as kgateway's (the host itself without endpoints), a LOGICAL_DNS
/// cluster's first only (<see cref="DnsClusterEndpoints"/>).
/// </summary>
[Rule("istio.backends.serviceentry-dns-cluster", Order = 420, Profile = "istio", Replaces = "kgateway.backends.serviceentry-dns-cluster",
    Description = "A DNS ServiceEntry is a STRICT_DNS cluster, a DNS_ROUND_ROBIN one or one racing its addresses (istio.io/connect-strategy) LOGICAL_DNS, over its inline endpoints or else its own host.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class IstioServiceEntryDnsCluster : IClusterRule
{
    /// <summary>istiod's default DNS refresh rate (mesh config <c>dnsRefreshRate</c>).</summary>
    public static readonly TimeSpan DnsRefreshRate = TimeSpan.FromSeconds(60);

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

        var cluster = ServiceEntryClusters.Base(backend);
        cluster.Type = resolution == ServiceEntryResolution.Dns && !IstioConnectStrategy.Races(backend.Service, out _) ? Cluster.Types.DiscoveryType.StrictDns : Cluster.Types.DiscoveryType.LogicalDns;
        cluster.DnsLookupFamily = Cluster.Types.DnsLookupFamily.V4Only;
        cluster.RespectDnsTtl = true;
        cluster.DnsRefreshRate = Duration.FromTimeSpan(DnsRefreshRate);
        var endpoints = InlineEndpoints.Build(backend, entry, context, istioTlsMode: true);
        cluster.LoadAssignment = endpoints.Assignment;
        return DnsClusterEndpoints.Fit(cluster, backend, context) ? new BackendCluster(cluster, endpoints) : null;
    }
}

/// <summary>
/// Istio's cluster for a resolution NONE ServiceEntry (§4.2: Passthrough → <c>ORIGINAL_DST</c>): the original
/// destination with <c>lbPolicy: CLUSTER_PROVIDED</c>; a port's <c>targetPort</c> overrides the upstream port
/// (<c>originalDstLbConfig.upstreamPortOverride</c>, Istio's passthrough target ports).
/// </summary>
[Rule("istio.backends.serviceentry-passthrough-cluster", Order = 430, Profile = "istio",
    Description = "A resolution NONE ServiceEntry is an ORIGINAL_DST cluster (CLUSTER_PROVIDED), its targetPort overriding the upstream port.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class IstioServiceEntryPassthroughCluster : IClusterRule
{
    /// <inheritdoc />
    public BackendCluster? BuildCluster(BackendObject backend, TranslationContext context)
    {
        if (ServiceEntrySpecs.Read(backend.Service) is not { } entry || ServiceEntrySpecs.Resolution(entry) != ServiceEntryResolution.None)
        {
            return null;
        }

        var cluster = ServiceEntryClusters.Base(backend);
        cluster.Type = Cluster.Types.DiscoveryType.OriginalDst;
        cluster.LbPolicy = Cluster.Types.LbPolicy.ClusterProvided;
        if (backend.Port.TargetPort > 0 && backend.Port.TargetPort != backend.Port.Port)
        {
            cluster.OriginalDstLbConfig = new Cluster.Types.OriginalDstLbConfig { UpstreamPortOverride = (uint)backend.Port.TargetPort };
        }

        return cluster;
    }
}

/// <summary>
/// Istio's endpoints of a STATIC ServiceEntry with inline endpoints: the same assignment kgateway inlines
/// (<see cref="InlineEndpoints"/>), sent over EDS.
/// </summary>
[Rule("istio.backends.serviceentry-inline-endpoints", Order = 520, Profile = "istio",
    Description = "A STATIC ServiceEntry's inline endpoints are sent over EDS, grouped by locality.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class IstioServiceEntryInlineEndpoints : IEndpointsRule
{
    /// <inheritdoc />
    public BackendEndpoints? BuildEndpoints(BackendObject backend, TranslationContext context)
        => ServiceEntrySpecs.Read(backend.Service) is { } entry
            && ServiceEntrySpecs.Resolution(entry) == ServiceEntryResolution.Static
            && !ServiceEntrySpecs.SelectsWorkloads(entry)
            ? InlineEndpoints.Build(backend, entry, context, istioTlsMode: true)
            : null;
}

/// <summary>What the Istio cluster rules share.</summary>
internal static class IstioClusters
{
    /// <summary>An EDS cluster as istiod sends it: ADS, <c>initialFetchTimeout: 0s</c>, <c>serviceName</c> the cluster name.</summary>
    public static Cluster Eds(BackendObject backend)
    {
        var cluster = ServiceEntryClusters.Base(backend);
        cluster.Type = Cluster.Types.DiscoveryType.Eds;
        cluster.EdsClusterConfig = new Cluster.Types.EdsClusterConfig
        {
            ServiceName = backend.ClusterName,
            EdsConfig = new ConfigSource { Ads = new AggregatedConfigSource(), InitialFetchTimeout = new Duration(), ResourceApiVersion = ApiVersion.V3 },
        };
        return cluster;
    }
}
