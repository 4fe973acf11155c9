using Envoy.Config.Cluster.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Translation.Policy;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// A DestinationRule's load balancer on a waypoint's <c>inbound-vip</c> cluster and default route
/// (docs/spec/istio-waypoint-output.md §3, §4.3): <c>simple</c> sets the LB policy (LEAST_REQUEST stays the default;
/// LEAST_CONN is LEAST_REQUEST); a consistent hash makes the cluster RING_HASH (minimum ring size as written, else
/// Envoy's 1024) or MAGLEV (its table size when written), and gives the default route its hash policy.
/// </summary>
/// <remarks>
/// As Istio's <c>applyLoadBalancer</c> is understood (not checked against the source): PASSTHROUGH turns the cluster
/// into ORIGINAL_DST with CLUSTER_PROVIDED and drops its inline endpoints; a warmup (<c>warmup</c>, else the deprecated
/// <c>warmupDurationSecs</c>) gives a ROUND_ROBIN or LEAST_REQUEST cluster (the default included) a slow-start window,
/// with <c>warmup.minimumPercent</c> as its minimum weight. <c>warmup.aggression</c> is reported and left out: Envoy
/// needs a runtime key for it, which the spec does not give.
/// </remarks>
internal static class IstioLoadBalancer
{
    private const ulong DefaultMinimumRingSize = 1024;

    /// <summary>Sets <paramref name="cluster"/>'s LB policy from <paramref name="balancer"/>; an ORIGINAL_DST cluster keeps CLUSTER_PROVIDED.</summary>
    public static void Apply(Cluster cluster, DestinationRuleLoadBalancer? balancer, SettingOrigin? origin, TranslationContext context)
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

        var simple = balancer.Simple;
        if (simple == DestinationRuleLoadBalancerSimple.Random)
        {
            cluster.LbPolicy = Cluster.Types.LbPolicy.Random;
        }
        else if (simple == DestinationRuleLoadBalancerSimple.Passthrough)
        {
            cluster.Type = Cluster.Types.DiscoveryType.OriginalDst;
            cluster.LbPolicy = Cluster.Types.LbPolicy.ClusterProvided;
            cluster.LoadAssignment = null;
        }
        else if (simple == DestinationRuleLoadBalancerSimple.RoundRobin)
        {
            cluster.LbPolicy = Cluster.Types.LbPolicy.RoundRobin;
            if (SlowStart(balancer, origin, cluster.Name, context) is { } slowStart)
            {
                cluster.RoundRobinLbConfig = new Cluster.Types.RoundRobinLbConfig { SlowStartConfig = slowStart };
            }
        }
        else if (SlowStart(balancer, origin, cluster.Name, context) is { } slowStart)
        {
            cluster.LeastRequestLbConfig = new Cluster.Types.LeastRequestLbConfig { SlowStartConfig = slowStart };
        }
    }

    private static Cluster.Types.SlowStartConfig? SlowStart(DestinationRuleLoadBalancer balancer, SettingOrigin? origin, string cluster, TranslationContext context)
    {
        if (balancer.Warmup is { } warmup)
        {
            if (IstioServiceChains.Duration(warmup.Duration, "loadBalancer.warmup.duration", origin, cluster, context) is not { } window)
            {
                return null;
            }

            var config = new Cluster.Types.SlowStartConfig { SlowStartWindow = window };
            if (warmup.MinimumPercent is { } minimum)
            {
                config.MinWeightPercent = new Envoy.Type.V3.Percent { Value = minimum };
            }

            if (warmup.Aggression is not null)
            {
                var aggression = IstioServiceChains.PolicyField(origin, "loadBalancer.warmup.aggression");
                context.Warn(new TranslationWarning($"DestinationRule for {cluster}", $"{aggression} is not reproduced (its Envoy runtime key is not known); the ramp is linear") { Resource = origin?.Resource, FieldPath = origin is null ? null : aggression });
            }

            return config;
        }

        return IstioServiceChains.Duration(balancer.WarmupDurationSecs, "loadBalancer.warmupDurationSecs", origin, cluster, context) is { } seconds
            ? new Cluster.Types.SlowStartConfig { SlowStartWindow = seconds }
            : null;
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
