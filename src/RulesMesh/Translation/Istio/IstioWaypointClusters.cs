using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Extensions.Network.DnsResolver.Cares.V3;
using Envoy.Extensions.TransportSockets.InternalUpstream.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Policy;
using CoreHttpOptions = Envoy.Config.Core.V3.HttpProtocolOptions;
using UpstreamHttpOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The clusters istiod sends a waypoint (docs/spec/istio-waypoint-output.md §3): the internal <c>main_internal</c> and <c>encap</c>,
/// the HBONE <c>connect_originate</c>, per owned service and port its <c>inbound-vip</c> clusters (one per
/// DestinationRule subset too), which reach endpoints through <c>connect_originate</c>, and the <c>outbound</c>
/// clusters of the destinations its routes name that it does not own.
/// </summary>
internal static class IstioWaypointClusters
{
    /// <summary>The mesh's default connect timeout.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary><c>main_internal</c> or <c>encap</c>: STATIC, one endpoint, the internal listener <paramref name="listener"/>.</summary>
    public static Cluster Internal(string name, string listener)
    {
        var cluster = new Cluster
        {
            Name = name,
            Type = Cluster.Types.DiscoveryType.Static,
            ConnectTimeout = Duration.FromTimeSpan(ConnectTimeout),
            AltStatName = name + ";",
            LoadAssignment = new ClusterLoadAssignment
            {
                ClusterName = name,
                Endpoints = { new LocalityLbEndpoints { LbEndpoints = { new LbEndpoint { Endpoint = new Endpoint { Address = InternalAddress(listener, endpointId: null) } } } } },
            },
            TransportSocket = InternalUpstream(passthrough: false),
            CircuitBreakers = new CircuitBreakers { Thresholds = { IstioConnectionPool.DefaultThresholds() } },
        };
        cluster.TypedExtensionProtocolOptions[HttpOptionsKey] = Any.Pack(new UpstreamHttpOptions
        {
            CommonHttpProtocolOptions = new CoreHttpOptions { IdleTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(300)) },
            UseDownstreamProtocolConfig = new UpstreamHttpOptions.Types.UseDownstreamHttpConfig { HttpProtocolOptions = new Http1ProtocolOptions(), Http2ProtocolOptions = new Http2ProtocolOptions() },
        });
        return cluster;
    }

    /// <summary><c>connect_originate</c>: the original destination on the HBONE port, over mTLS and HTTP/2 CONNECT.</summary>
    public static Cluster ConnectOriginate(string waypointNamespace)
    {
        var cluster = new Cluster
        {
            Name = IstioWaypointNames.ConnectOriginate,
            Type = Cluster.Types.DiscoveryType.OriginalDst,
            LbPolicy = Cluster.Types.LbPolicy.ClusterProvided,
            ConnectTimeout = Duration.FromTimeSpan(ConnectTimeout),
            CleanupInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(60)),
            OriginalDstLbConfig = new Cluster.Types.OriginalDstLbConfig
            {
                UpstreamPortOverride = (uint)IstioWaypointNames.HbonePort,
                MetadataKey = new Envoy.Type.Metadata.V3.MetadataKey
                {
                    Key = IstioWaypointNames.OriginalDstMetadata,
                    Path = { new Envoy.Type.Metadata.V3.MetadataKey.Types.PathSegment { Key = "waypoint" } },
                },
            },
            TransportSocket = IstioWaypointTls.Upstream(waypointNamespace),
        };
        cluster.TypedExtensionProtocolOptions[HttpOptionsKey] = Any.Pack(new UpstreamHttpOptions
        {
            CommonHttpProtocolOptions = new CoreHttpOptions { IdleTimeout = Duration.FromTimeSpan(TimeSpan.FromHours(1)) },
            ExplicitHttpConfig = new UpstreamHttpOptions.Types.ExplicitHttpConfig { Http2ProtocolOptions = new Http2ProtocolOptions { AllowConnect = true } },
        });
        return cluster;
    }

    /// <summary>
    /// An <c>inbound-vip</c> cluster of <paramref name="service"/>'s <paramref name="port"/> (<paramref name="kind"/> <c>http</c>
    /// or <c>tcp</c>, for <paramref name="subset"/> when given), with its inline endpoints for a DNS service.
    /// </summary>
    public static BackendCluster InboundVip(IstioOwnedService service, IstioPort port, string kind, DestinationRuleSubset? subset, DestinationRule? rule, BackendObject backend, TranslationContext context)
    {
        var policy = IstioTrafficPolicy.For(rule, subset, port.Number);
        var built = Build(service, port, kind, subset, rule, policy, backend, context);
        built.Cluster.TransportSocket = InternalUpstream(passthrough: true, IstioUpstreamSockets.Inner(policy));
        return built;
    }

    /// <summary>
    /// An <c>outbound</c> cluster of <paramref name="destination"/>'s <paramref name="port"/> (for <paramref name="subset"/>
    /// when given), a destination the waypoint does not own or owns as MESH_EXTERNAL: an "ordinary sidecar-style"
    /// cluster (§3), with the discovery, load balancing, connection pool and metadata an <c>inbound-vip</c> cluster
    /// has, and no transport socket (the caller adds the socket matches).
    /// </summary>
    public static BackendCluster Outbound(IstioOwnedService destination, IstioPort port, DestinationRuleSubset? subset, DestinationRule? rule, BackendObject backend, TranslationContext context)
        => Build(destination, port, port.Protocol.HasHttpChain ? "http" : "tcp", subset, rule, IstioTrafficPolicy.For(rule, subset, port.Number), backend, context);

    private static BackendCluster Build(IstioOwnedService service, IstioPort port, string kind, DestinationRuleSubset? subset, DestinationRule? rule, IstioTrafficPolicy policy, BackendObject backend, TranslationContext context)
    {
        var name = backend.ClusterName;
        var cluster = new Cluster
        {
            Name = name,
            AltStatName = name + ";",
            ConnectTimeout = Duration.FromTimeSpan(ConnectTimeout),
            LbPolicy = Cluster.Types.LbPolicy.LeastRequest,
            Metadata = Metadata(service, rule, subset),
        };
        BackendEndpoints? inline = null;
        switch (service.Discovery)
        {
            case IstioDiscovery.Eds:
                cluster.Type = Cluster.Types.DiscoveryType.Eds;
                cluster.EdsClusterConfig = new Cluster.Types.EdsClusterConfig
                {
                    ServiceName = name,
                    EdsConfig = new ConfigSource { Ads = new AggregatedConfigSource(), InitialFetchTimeout = new Duration(), ResourceApiVersion = ApiVersion.V3 },
                };
                break;
            case IstioDiscovery.StrictDns or IstioDiscovery.LogicalDns:
                cluster.Type = service.Discovery == IstioDiscovery.StrictDns ? Cluster.Types.DiscoveryType.StrictDns : Cluster.Types.DiscoveryType.LogicalDns;
                cluster.DnsLookupFamily = Cluster.Types.DnsLookupFamily.V4Only;
                cluster.RespectDnsTtl = true;
                cluster.DnsRefreshRate = Duration.FromTimeSpan(IstioServiceEntryDnsCluster.DnsRefreshRate);
                cluster.TypedDnsResolverConfig = new TypedExtensionConfig { Name = "envoy.network.dns_resolver.cares", TypedConfig = Any.Pack(new CaresDnsResolverConfig()) };
                inline = InlineEndpoints.Build(backend, (ServiceEntry)service.Service.Source, context, subset?.Labels is { } labels ? labels.AsReadOnly() : null, istioTlsMode: true);
                cluster.LoadAssignment = inline.Assignment;
                break;
            case IstioDiscovery.OriginalDst:
                cluster.Type = Cluster.Types.DiscoveryType.OriginalDst;
                cluster.LbPolicy = Cluster.Types.LbPolicy.ClusterProvided;
                if (service.Service.Source is ServiceEntry && port.Port.TargetPort > 0)
                {
                    cluster.OriginalDstLbConfig = new Cluster.Types.OriginalDstLbConfig { UpstreamPortOverride = (uint)port.Port.TargetPort };
                }

                break;
            case IstioDiscovery.DynamicForwardProxy:
                IstioDynamicForwardProxy.Configure(cluster, service.Host);
                break;
        }

        IstioConnectionPool.Apply(cluster, port, kind, policy.ConnectionPool, policy.ConnectionPoolOrigin, context);
        IstioLoadBalancer.Apply(cluster, policy.LoadBalancer, policy.LoadBalancerOrigin, context);

        return new BackendCluster(cluster, inline);
    }

    /// <summary>
    /// The transport socket of clusters that hand traffic to an internal listener: <c>internal_upstream</c> over
    /// <paramref name="inner"/> (default <c>raw_buffer</c>), passing the endpoint's original destination and Istio
    /// metadata when <paramref name="passthrough"/>.
    /// </summary>
    public static TransportSocket InternalUpstream(bool passthrough, TransportSocket? inner = null)
    {
        var socket = new InternalUpstreamTransport { TransportSocket = inner ?? IstioUpstreamSockets.RawBuffer() };
        if (passthrough)
        {
            socket.PassthroughMetadata.Add(HostMetadata(IstioWaypointNames.OriginalDstMetadata));
            socket.PassthroughMetadata.Add(HostMetadata("istio"));
        }

        return new TransportSocket { Name = InternalUpstreamSockets.SocketName, TypedConfig = Any.Pack(socket) };
    }

    /// <summary>An internal address of listener <paramref name="listener"/>.</summary>
    public static Address InternalAddress(string listener, string? endpointId)
    {
        var address = new EnvoyInternalAddress { ServerListenerName = listener };
        if (endpointId is not null)
        {
            address.EndpointId = endpointId;
        }

        return new Address { EnvoyInternalAddress = address };
    }

    private const string HttpOptionsKey = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    private static InternalUpstreamTransport.Types.MetadataValueSource HostMetadata(string name) => new()
    {
        Kind = new Envoy.Type.Metadata.V3.MetadataKind { Host = new Envoy.Type.Metadata.V3.MetadataKind.Types.Host() },
        Name = name,
    };

    /// <summary><c>istio.services</c>, plus the DestinationRule's config path and the subset when there is one.</summary>
    private static Metadata Metadata(IstioOwnedService service, DestinationRule? rule, DestinationRuleSubset? subset)
    {
        var istio = new Struct
        {
            Fields =
            {
                ["services"] = Value.ForList(Value.ForStruct(new Struct
                {
                    Fields =
                    {
                        ["host"] = Value.ForString(service.Host),
                        ["name"] = Value.ForString(service.AttributesName),
                        ["namespace"] = Value.ForString(service.Service.Namespace),
                    },
                })),
            },
        };
        if (rule is not null)
        {
            istio.Fields["config"] = Value.ForString($"/apis/networking.istio.io/v1/namespaces/{rule.Metadata?.NamespaceProperty}/destination-rule/{rule.Metadata?.Name}");
        }

        if (subset is not null)
        {
            istio.Fields["subset"] = Value.ForString(subset.Name);
        }

        return new Metadata { FilterMetadata = { ["istio"] = istio } };
    }
}
