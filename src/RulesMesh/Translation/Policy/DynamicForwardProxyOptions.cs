using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using RulesMesh.Translation.Backends;
using UpstreamHttpOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Envoy refuses a dynamic forward proxy cluster whose upstream HTTP options do not turn on <c>auto_sni</c> and
/// <c>auto_san_validation</c> ("dynamic_forward_proxy cluster must have auto_sni and auto_san_validation true unless
/// allow_insecure_cluster_options is set"). Without typed HTTP protocol options Envoy sets both itself; once a
/// connection pool, protocol or policy adds those options, they must say so, or the whole cluster update is NACKed.
/// </summary>
internal static class DynamicForwardProxyOptions
{
    private const string ClusterTypeName = "envoy.clusters.dynamic_forward_proxy";

    /// <summary>Turns both on in <paramref name="cluster"/>'s typed HTTP protocol options when it is a dynamic forward proxy that has them.</summary>
    public static void KeepSecure(Cluster cluster)
    {
        if (cluster.ClusterType?.Name != ClusterTypeName
            || !cluster.TypedExtensionProtocolOptions.TryGetValue(ClusterDefaults.HttpProtocolOptionsKey, out var packed)
            || !packed.TryUnpack<UpstreamHttpOptions>(out var options))
        {
            return;
        }

        options.UpstreamHttpProtocolOptions ??= new UpstreamHttpProtocolOptions();
        options.UpstreamHttpProtocolOptions.AutoSni = true;
        options.UpstreamHttpProtocolOptions.AutoSanValidation = true;
        cluster.TypedExtensionProtocolOptions[ClusterDefaults.HttpProtocolOptionsKey] = Google.Protobuf.WellKnownTypes.Any.Pack(options);
    }
}
