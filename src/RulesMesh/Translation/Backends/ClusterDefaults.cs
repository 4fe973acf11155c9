using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using UpstreamHttpProtocolOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Translation.Backends;

/// <summary>What every kgateway backend cluster shares (docs/spec/kgateway-waypoint.md §3.3): the name, a 5s connect timeout, HTTP/2 options when the port speaks it.</summary>
internal static class ClusterDefaults
{
    /// <summary>The key (and type name) of the upstream HTTP protocol options in <c>typedExtensionProtocolOptions</c>.</summary>
    public const string HttpProtocolOptionsKey = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    /// <summary>kgateway's connect timeout for every backend cluster.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    // Every HTTP/2 cluster carries these options unchanged: serialised once, each cluster gets its own Any around the bytes.
    private static readonly PackedConfig PackedHttp2Options = PackedConfig.Of(new UpstreamHttpProtocolOptions
    {
        ExplicitHttpConfig = new UpstreamHttpProtocolOptions.Types.ExplicitHttpConfig { Http2ProtocolOptions = new Http2ProtocolOptions() },
    });

    /// <summary>A cluster named after <paramref name="backend"/> with the connect timeout, and HTTP/2 upstream options when <paramref name="http2"/>.</summary>
    public static Cluster Base(BackendObject backend, bool http2)
    {
        var cluster = new Cluster
        {
            Name = backend.ClusterName,
            ConnectTimeout = Duration.FromTimeSpan(ConnectTimeout),
        };
        if (http2)
        {
            cluster.TypedExtensionProtocolOptions[HttpProtocolOptionsKey] = PackedHttp2Options.ToAny();
        }

        return cluster;
    }

    /// <summary>Makes <paramref name="cluster"/> an EDS cluster fed over ADS (<c>edsConfig: {ads: {}, resourceApiVersion: V3}</c>).</summary>
    public static Cluster WithEds(this Cluster cluster)
    {
        cluster.Type = Cluster.Types.DiscoveryType.Eds;
        cluster.EdsClusterConfig = new Cluster.Types.EdsClusterConfig
        {
            EdsConfig = new ConfigSource { Ads = new AggregatedConfigSource(), ResourceApiVersion = ApiVersion.V3 },
        };
        return cluster;
    }

    /// <summary>Adds <c>commonLbConfig.localityWeightedLbConfig: {}</c> (kgateway's <c>defaultLocalityConfig</c>).</summary>
    public static Cluster WithLocalityWeighting(this Cluster cluster)
    {
        cluster.CommonLbConfig ??= new Cluster.Types.CommonLbConfig();
        cluster.CommonLbConfig.LocalityWeightedLbConfig = new Cluster.Types.CommonLbConfig.Types.LocalityWeightedLbConfig();
        return cluster;
    }
}
