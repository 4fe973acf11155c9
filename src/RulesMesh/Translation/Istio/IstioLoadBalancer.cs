using Envoy.Config.Cluster.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// A DestinationRule's load balancer on a waypoint's <c>inbound-vip</c> cluster and default route
/// (docs/spec/istio-waypoint-output.md §3, §4.3): <c>simple</c> sets the LB policy (LEAST_REQUEST stays the default;
/// LEAST_CONN is LEAST_REQUEST); a consistent hash makes the cluster RING_HASH (minimum ring size as written, else
/// Envoy's 1024) or MAGLEV (its table size when written), and gives the default route its hash policy.
/// </summary>
internal static class IstioLoadBalancer
{
    private const ulong DefaultMinimumRingSize = 1024;

    /// <summary>
    /// Sets <paramref name="cluster"/>'s LB policy from <paramref name="balancer"/>; an ORIGINAL_DST cluster keeps
    /// CLUSTER_PROVIDED, and PASSTHROUGH (which would turn the cluster into ORIGINAL_DST) is reported and ignored.
    /// </summary>
    public static void Apply(Cluster cluster, DestinationRuleLoadBalancer? balancer, TranslationContext context)
    {
        if (balancer is null || cluster.LbPolicy == Cluster.Types.LbPolicy.ClusterProvided)
        {
            return;
        }

        if (balancer.ConsistentHash is { } hash)
        {
            if (hash.Maglev is { } maglev)
            {
                cluster.LbPolicy = Cluster.Types.LbPolicy.Maglev;
                if (maglev.TableSize is > 0 and var size)
                {
                    cluster.MaglevLbConfig = new Cluster.Types.MaglevLbConfig { TableSize = (ulong)size };
                }
            }
            else
            {
                cluster.LbPolicy = Cluster.Types.LbPolicy.RingHash;
                var minimum = hash.RingHash?.MinimumRingSize is > 0 and var ring ? (ulong)ring
                    : hash.MinimumRingSize is > 0 and var deprecated ? (ulong)deprecated
                    : DefaultMinimumRingSize;
                cluster.RingHashLbConfig = new Cluster.Types.RingHashLbConfig { MinimumRingSize = minimum };
            }

            return;
        }

        if (balancer.Simple is not { } simple)
        {
            return;
        }

        if (simple == DestinationRuleLoadBalancerSimple.RoundRobin)
        {
            cluster.LbPolicy = Cluster.Types.LbPolicy.RoundRobin;
        }
        else if (simple == DestinationRuleLoadBalancerSimple.Random)
        {
            cluster.LbPolicy = Cluster.Types.LbPolicy.Random;
        }
        else if (simple == DestinationRuleLoadBalancerSimple.Passthrough)
        {
            context.Warn($"cluster {cluster.Name}", "loadBalancer.simple PASSTHROUGH is not reproduced on inbound-vip clusters; the cluster keeps its discovery and LEAST_REQUEST");
        }
    }

    /// <summary>The route hash policy of <paramref name="balancer"/>'s consistent hash, or null when there is none.</summary>
    public static RouteAction.Types.HashPolicy? HashPolicy(DestinationRuleLoadBalancer? balancer)
    {
        if (balancer?.ConsistentHash is not { } hash)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(hash.HttpHeaderName))
        {
            return new() { Header = new RouteAction.Types.HashPolicy.Types.Header { HeaderName = hash.HttpHeaderName } };
        }

        if (hash.HttpCookie is { } cookie)
        {
            var byCookie = new RouteAction.Types.HashPolicy.Types.Cookie { Name = cookie.Name, Path = cookie.Path ?? string.Empty };
            if (Policy.GoDuration.Parse(cookie.Ttl) is { } ttl)
            {
                byCookie.Ttl = ttl;
            }

            return new() { Cookie = byCookie };
        }

        if (hash.UseSourceIp == true)
        {
            return new() { ConnectionProperties = new RouteAction.Types.HashPolicy.Types.ConnectionProperties { SourceIp = true } };
        }

        return !string.IsNullOrEmpty(hash.HttpQueryParameterName)
            ? new() { QueryParameter = new RouteAction.Types.HashPolicy.Types.QueryParameter { Name = hash.HttpQueryParameterName } }
            : null;
    }
}
