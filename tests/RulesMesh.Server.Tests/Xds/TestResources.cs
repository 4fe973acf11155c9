using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Envoy.Service.Discovery.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Engine;
using RulesMesh.Mesh;
using EnvoyCluster = Envoy.Config.Cluster.V3.Cluster;
using EnvoyListener = Envoy.Config.Listener.V3.Listener;
using EnvoyRoute = Envoy.Config.Route.V3.Route;

namespace RulesMesh.Server.Tests.Xds;

/// <summary>Real Envoy resources for the protocol tests, the nodes that ask for them, and the responses they should get.</summary>
internal static class TestResources
{
    public const string ClusterType = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
    public const string EndpointType = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
    public const string ListenerType = "type.googleapis.com/envoy.config.listener.v3.Listener";
    public const string RouteType = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";

    public static readonly NamespacedName WaypointA = new("infra", "waypoint-a");
    public static readonly NamespacedName WaypointB = new("infra", "waypoint-b");

    public static VersionedResource Cluster(string name, int connectTimeoutSeconds = 5) => VersionedResource.Of(name, new EnvoyCluster
    {
        Name = name,
        Type = EnvoyCluster.Types.DiscoveryType.Eds,
        EdsClusterConfig = new EnvoyCluster.Types.EdsClusterConfig { EdsConfig = new ConfigSource { Ads = new AggregatedConfigSource() } },
        ConnectTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(connectTimeoutSeconds)),
    });

    public static VersionedResource Endpoints(string cluster, string address) => VersionedResource.Of(cluster, new ClusterLoadAssignment
    {
        ClusterName = cluster,
        Endpoints =
        {
            new LocalityLbEndpoints
            {
                LbEndpoints = { new LbEndpoint { Endpoint = new Endpoint { Address = SocketAddress(address, 8080) } } },
            },
        },
    });

    /// <summary>A TCP proxy listener sending everything to <paramref name="cluster"/>; its stat prefix is the listener's name.</summary>
    public static VersionedResource Listener(string name, string cluster, uint port = 15088) => VersionedResource.Of(name, new EnvoyListener
    {
        Name = name,
        Address = SocketAddress("0.0.0.0", port),
        FilterChains =
        {
            new FilterChain
            {
                Filters =
                {
                    new Filter { Name = "envoy.filters.network.tcp_proxy", TypedConfig = Any.Pack(new TcpProxy { StatPrefix = name, Cluster = cluster }) },
                },
            },
        },
    });

    public static VersionedResource Route(string name, string cluster, string prefix = "/") => VersionedResource.Of(name, new RouteConfiguration
    {
        Name = name,
        VirtualHosts =
        {
            new VirtualHost
            {
                Name = "all",
                Domains = { "*" },
                Routes = { new EnvoyRoute { Match = new RouteMatch { Prefix = prefix }, Route_ = new RouteAction { Cluster = cluster } } },
            },
        },
    });

    public static ResourceSet Set(params VersionedResource[] resources)
        => ResourceSet.Of(resources.Select(static r => (TypeOf(r.Resource), r)));

    /// <summary>The node of a proxy of <paramref name="gateway"/> as kgateway's waypoints send it.</summary>
    public static Node NodeOf(NamespacedName gateway, string pod = "waypoint-7d9f.infra") => new()
    {
        Id = pod,
        Cluster = gateway.Name + "." + gateway.Namespace,
        Metadata = new Struct { Fields = { ["role"] = Value.ForString($"kgateway-kube-gateway-api~{gateway.Namespace}~{gateway.Name}") } },
    };

    /// <summary>
    /// A type's version as docs/serve-xds.md defines it, computed here on its own: XxHash3 of <c>name NUL version LF</c>
    /// per resource in ordinal name order, 16 hex digits.
    /// </summary>
    public static string TypeVersion(params VersionedResource[] resources)
    {
        var text = string.Concat(resources.OrderBy(static r => r.Name, StringComparer.Ordinal).Select(static r => $"{r.Name}\0{r.Version}\n"));
        return XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text)).ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The State of the World response that carries exactly <paramref name="resources"/>.</summary>
    public static DiscoveryResponse Sotw(string typeUrl, string nonce, params VersionedResource[] resources)
    {
        var response = new DiscoveryResponse { TypeUrl = typeUrl, Nonce = nonce, VersionInfo = TypeVersion(resources) };
        response.Resources.AddRange(resources.OrderBy(static r => r.Name, StringComparer.Ordinal).Select(static r => Any.Pack(r.Resource)));
        return response;
    }

    /// <summary>The incremental response that carries <paramref name="resources"/> and removes <paramref name="removed"/>; <paramref name="held"/> is everything the proxy has after it.</summary>
    public static DeltaDiscoveryResponse Delta(string typeUrl, string nonce, VersionedResource[] resources, string[] removed, VersionedResource[] held)
    {
        var response = new DeltaDiscoveryResponse { TypeUrl = typeUrl, Nonce = nonce, SystemVersionInfo = TypeVersion(held) };
        response.Resources.AddRange(resources.OrderBy(static r => r.Name, StringComparer.Ordinal).Select(static r => new Resource { Name = r.Name, Version = r.Version, Resource_ = Any.Pack(r.Resource) }));
        response.RemovedResources.AddRange(removed);
        return response;
    }

    public static DiscoveryRequest Request(string typeUrl, Node? node = null, string version = "", string nonce = "", params string[] names)
    {
        var request = new DiscoveryRequest { TypeUrl = typeUrl, VersionInfo = version, ResponseNonce = nonce, Node = node };
        request.ResourceNames.AddRange(names);
        return request;
    }

    /// <summary>The ACK of <paramref name="response"/> (for a wildcard subscription).</summary>
    public static DiscoveryRequest Ack(DiscoveryResponse response) => Request(response.TypeUrl, version: response.VersionInfo, nonce: response.Nonce);

    public static DiscoveryRequest Nack(DiscoveryResponse response, string lastGoodVersion, string error) => new()
    {
        TypeUrl = response.TypeUrl,
        VersionInfo = lastGoodVersion,
        ResponseNonce = response.Nonce,
        ErrorDetail = new Google.Rpc.Status { Code = 3, Message = error },
    };

    private static Address SocketAddress(string ip, uint port) => new() { SocketAddress = new Envoy.Config.Core.V3.SocketAddress { Address = ip, PortValue = port } };

    private static XdsResourceType TypeOf(IMessage message) => message switch
    {
        EnvoyCluster => XdsResourceType.Cluster,
        ClusterLoadAssignment => XdsResourceType.Endpoint,
        EnvoyListener => XdsResourceType.Listener,
        RouteConfiguration => XdsResourceType.Route,
        _ => throw new ArgumentException($"{message.Descriptor.FullName} is not an xDS resource type."),
    };
}
