using System.Globalization;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Extensions.LoadBalancingPolicies.Common.V3;
using Envoy.Extensions.LoadBalancingPolicies.LeastRequest.V3;
using Envoy.Extensions.LoadBalancingPolicies.Maglev.V3;
using Envoy.Extensions.LoadBalancingPolicies.RingHash.V3;
using Envoy.Extensions.LoadBalancingPolicies.RoundRobin.V3;
using Envoy.Type.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Models.GatewayKgatewayDev.V1alpha1;
using RandomPolicy = Envoy.Extensions.LoadBalancingPolicies.Random.V3.Random;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// A BackendConfigPolicy's <c>loadBalancer</c> (docs/spec/kgateway-backendconfigpolicy.md §2, LoadBalancer): a fresh
/// <c>common_lb_config</c> holding only the panic threshold, merge window and host-set flag, and the chosen algorithm as
/// the cluster's one <c>load_balancing_policy</c>. Two settings have no field in the Envoy API RulesMesh compiles
/// (<c>hashPolicies</c> of ringHash and maglev, <c>zoneAware.preferLocal.force</c>); they are left out with a warning.
/// </summary>
internal static class BackendConfigLoadBalancer
{
    private const string PolicyPrefix = "envoy.load_balancing_policies.";

    // Envoy's bound on RingHash's minimum and maximum ring sizes.
    private const long MaxRingSize = 8_388_608;
    private const long DefaultMinimumRingSize = 1024;

    /// <summary>
    /// Sets <paramref name="cluster"/>'s load balancing from <paramref name="spec"/>; <paramref name="owner"/> is the policy
    /// whose <c>loadBalancer</c> won the merge, which names the slow-start aggression's runtime key.
    /// </summary>
    public static void Apply(Cluster cluster, BackendConfigPolicyLoadBalancer spec, BackendConfigPolicy owner, BackendConfigWarnings warnings)
    {
        var common = new Cluster.Types.CommonLbConfig();
        if (spec.HealthyPanicThreshold is { } panic)
        {
            common.HealthyPanicThreshold = new Percent { Value = panic };
        }

        if (spec.UpdateMergeWindow is { } window)
        {
            common.UpdateMergeWindow = GoDuration.Parse(window);
        }

        common.CloseConnectionsOnHostSetChange = spec.CloseConnectionsOnHostSetChange ?? false;
        cluster.CommonLbConfig = common;

        var runtimeKey = $"{owner.Metadata?.Name}.{owner.Metadata?.NamespaceProperty}.slowStart.aggression";
        (string Name, IMessage Config)? policy = null;
        if (spec.LeastRequest is { } leastRequest)
        {
            var choices = leastRequest.ChoiceCount ?? 2;
            if (choices < 2)
            {
                warnings.At("spec.loadBalancer.leastRequest.choiceCount", static s => s.LoadBalancer, string.Create(CultureInfo.InvariantCulture, $"spec.loadBalancer.leastRequest.choiceCount {choices} is below 2, Envoy's least; the default 2 is used"));
                choices = 2;
            }

            var config = new LeastRequest { ChoiceCount = (uint)choices, LocalityLbConfig = Locality(spec, warnings) };
            config.SlowStartConfig = SlowStart(leastRequest.SlowStart?.Window, leastRequest.SlowStart?.MinWeightPercent, leastRequest.SlowStart?.Aggression, leastRequest.SlowStart is not null, runtimeKey);
            policy = ("least_request", config);
        }
        else if (spec.RoundRobin is { } roundRobin)
        {
            var config = new RoundRobin { LocalityLbConfig = Locality(spec, warnings) };
            config.SlowStartConfig = SlowStart(roundRobin.SlowStart?.Window, roundRobin.SlowStart?.MinWeightPercent, roundRobin.SlowStart?.Aggression, roundRobin.SlowStart is not null, runtimeKey);
            policy = ("round_robin", config);
        }
        else if (spec.Random is not null)
        {
            policy = ("random", new RandomPolicy { LocalityLbConfig = Locality(spec, warnings) });
        }
        else if (spec.RingHash is { } ringHash)
        {
            var config = new RingHash
            {
                ConsistentHashingLbConfig = ConsistentHashing(cluster, ringHash.UseHostnameForHashing, ringHash.HashPolicies?.Count ?? 0, "ringHash", warnings),
                LocalityWeightedLbConfig = spec.LocalityType is null ? null : new LocalityLbConfig.Types.LocalityWeightedLbConfig(),
            };
            // Envoy takes ring sizes up to 8,388,608 with the minimum (1024 when unset) not above the maximum (8,388,608
            // when unset); others are left to its defaults.
            if (ringHash.MinimumRingSize is < 0 or > MaxRingSize || ringHash.MaximumRingSize is < 0 or > MaxRingSize
                || (ringHash.MinimumRingSize ?? DefaultMinimumRingSize) > (ringHash.MaximumRingSize ?? MaxRingSize))
            {
                warnings.At("spec.loadBalancer.ringHash", static s => s.LoadBalancer, string.Create(CultureInfo.InvariantCulture, $"spec.loadBalancer.ringHash ring sizes {ringHash.MinimumRingSize}..{ringHash.MaximumRingSize} are not within 0..{MaxRingSize} with the minimum (1024 unset) not above the maximum, as Envoy requires; they are ignored"));
            }
            else
            {
                if (ringHash.MinimumRingSize is { } minimum)
                {
                    config.MinimumRingSize = (ulong)minimum;
                }

                if (ringHash.MaximumRingSize is { } maximum)
                {
                    config.MaximumRingSize = (ulong)maximum;
                }
            }

            policy = ("ring_hash", config);
        }
        else if (spec.Maglev is { } maglev)
        {
            policy = ("maglev", new Maglev
            {
                ConsistentHashingLbConfig = ConsistentHashing(cluster, maglev.UseHostnameForHashing, maglev.HashPolicies?.Count ?? 0, "maglev", warnings),
                LocalityWeightedLbConfig = spec.LocalityType is null ? null : new LocalityLbConfig.Types.LocalityWeightedLbConfig(),
            });
        }

        if (policy is { } chosen)
        {
            cluster.LoadBalancingPolicy = new LoadBalancingPolicy();
            cluster.LoadBalancingPolicy.Policies.Add(new LoadBalancingPolicy.Types.Policy
            {
                TypedExtensionConfig = new TypedExtensionConfig { Name = PolicyPrefix + chosen.Name, TypedConfig = Any.Pack(chosen.Config) },
            });
        }
    }

    /// <summary>
    /// leastRequest, roundRobin and random always carry a locality config: zone-aware routing with <c>preferLocal</c>
    /// (CRD defaults 100% and 6 endpoints), locality weighting otherwise.
    /// </summary>
    private static LocalityLbConfig Locality(BackendConfigPolicyLoadBalancer spec, BackendConfigWarnings warnings)
    {
        if (spec.ZoneAware?.PreferLocal is not { } preferLocal)
        {
            return new LocalityLbConfig { LocalityWeightedLbConfig = new LocalityLbConfig.Types.LocalityWeightedLbConfig() };
        }

        if (preferLocal.Force is not null)
        {
            warnings.At("spec.loadBalancer.zoneAware.preferLocal.force", static s => s.LoadBalancer, "spec.loadBalancer.zoneAware.preferLocal.force has no counterpart (force_local_zone) in the Envoy API RulesMesh compiles; it is ignored");
        }

        return new LocalityLbConfig
        {
            ZoneAwareLbConfig = new LocalityLbConfig.Types.ZoneAwareLbConfig
            {
                RoutingEnabled = new Percent { Value = preferLocal.RoutingEnabled ?? 100 },
                MinClusterSize = (ulong)(preferLocal.MinEndpointsThreshold ?? 6),
            },
        };
    }

    private static SlowStartConfig? SlowStart(string? window, long? minWeightPercent, string? aggression, bool set, string runtimeKey)
    {
        if (!set)
        {
            return null;
        }

        var config = new SlowStartConfig();
        if (window is not null)
        {
            config.SlowStartWindow = GoDuration.Parse(window);
        }

        if (minWeightPercent is { } percent)
        {
            config.MinWeightPercent = new Percent { Value = percent };
        }

        // Validation (BackendConfigPolicies) already refused an aggression that is not a number above 0.
        if (aggression is not null && double.TryParse(aggression, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            config.Aggression = new RuntimeDouble { DefaultValue = value, RuntimeKey = runtimeKey };
        }

        return config;
    }

    /// <summary>
    /// Present only when <c>useHostnameForHashing</c> is set or hash policies are given. Hashing by host name needs a
    /// cluster whose endpoints carry their DNS names (STRICT_DNS, or the DNS cluster extension resolving every address
    /// separately); kgateway turns it off elsewhere.
    /// </summary>
    private static ConsistentHashingLbConfig? ConsistentHashing(Cluster cluster, bool? useHostname, int hashPolicies, string variant, BackendConfigWarnings warnings)
    {
        if (useHostname is null && hashPolicies == 0)
        {
            return null;
        }

        if (hashPolicies > 0)
        {
            warnings.At($"spec.loadBalancer.{variant}.hashPolicies", static s => s.LoadBalancer, $"spec.loadBalancer.{variant}.hashPolicies has no counterpart (consistent_hashing_lb_config.hash_policy) in the Envoy API RulesMesh compiles; it is ignored");
        }

        var hostname = useHostname ?? false;
        if (hostname && !ResolvesHostsByName(cluster))
        {
            warnings.At($"spec.loadBalancer.{variant}.useHostnameForHashing", static s => s.LoadBalancer, $"spec.loadBalancer.{variant}.useHostnameForHashing needs a cluster that resolves hosts by DNS name; {cluster.Name} does not, so it is off");
            hostname = false;
        }

        return new ConsistentHashingLbConfig { UseHostnameForHashing = hostname };
    }

    private static bool ResolvesHostsByName(Cluster cluster)
        => cluster.Type == Cluster.Types.DiscoveryType.StrictDns
            || (cluster.ClusterType is { Name: "envoy.clusters.dns" } custom
                && !custom.TypedConfig.Unpack<Envoy.Extensions.Clusters.Dns.V3.DnsCluster>().AllAddressesInSingleEndpoint);
}
