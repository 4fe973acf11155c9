using k8s.Models;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// kgateway's Service cluster: EDS over ADS, <c>ignoreHealthOnHostRemoval</c>, locality-weighted load balancing, a 5s
/// connect timeout, and HTTP/2 upstream options when the port's <c>appProtocol</c> is http2, grpc, grpc-web or
/// kubernetes.io/h2c.
/// </summary>
[Rule("kgateway.backends.service-cluster", Order = 300,
    Description = "A Service backend is an EDS cluster with ignoreHealthOnHostRemoval and locality-weighted load balancing; HTTP/2 when its appProtocol says so.")]
[AppliesTo("", "Service")]
public sealed class ServiceCluster : IClusterRule
{
    /// <inheritdoc />
    public BackendCluster? BuildCluster(BackendObject backend, TranslationContext context)
    {
        // kgateway reads appProtocol only; the port name does not count here (unlike the HTTP/TCP chain decision).
        var appProtocol = AppProtocol((backend.Service.Source as V1Service)?.Spec?.Ports, backend.Port.Port);
        var cluster = ClusterDefaults.Base(backend, AppProtocols.IsHttp2(appProtocol)).WithEds().WithLocalityWeighting();
        cluster.IgnoreHealthOnHostRemoval = true;
        return cluster;
    }

    /// <summary>The <c>appProtocol</c> of the first Service port numbered <paramref name="number"/> (every cluster asks: no LINQ).</summary>
    private static string? AppProtocol(IList<V1ServicePort>? ports, int number)
    {
        if (ports is null)
        {
            return null;
        }

        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i].Port == number)
            {
                return ports[i].AppProtocol;
            }
        }

        return null;
    }
}
