using System.Globalization;
using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Validation;

/// <summary>
/// What Istio's webhook refuses in a DestinationRule (validateDestinationRule): a host that is not a valid wildcard
/// domain, plus <c>*</c> (a DestinationRule for every host would apply one service's policy to all of them, issue 10);
/// and in every traffic policy (top level, per port, per subset) the values Envoy would refuse: ejection and health
/// percentages outside 0–100, a hash header that is no HTTP header name, a hash cookie without a name, a ring larger
/// than Envoy's 8,388,608 entries, a Maglev table size that is not a prime of at most 5,000,011. And what Istio's
/// validateTrafficPolicy and validateSubset refuse: a port-level policy without a port or without any setting, a
/// negative connection-pool limit, a locality distribution whose weights are outside 1–100 or do not add up to 100,
/// distribute and failover together, a failover that is not between two different regions; a subset name that is
/// repeated or not a DNS-1123 label, a subset label key or value outside Kubernetes' label syntax.
/// </summary>
[Rule("istio.validation.destination-rule", Order = 3, Description = "A DestinationRule's host must be a DNS name (a leading wildcard allowed), not empty or '*'; its traffic policies must hold values Istio and Envoy take; its subsets need distinct DNS-label names and valid labels.")]
[AppliesTo("networking.istio.io", "DestinationRule")]
public sealed class IstioDestinationRuleValidation : IObjectValidationRule
{
    // Envoy's bounds: RingHashLbConfig's ring sizes, MaglevLbConfig's table size.
    private const long MaxRingSize = 8_388_608;
    private const long MaxMaglevTableSize = 5_000_011;

    /// <inheritdoc />
    public void Validate(IKubernetesObject<V1ObjectMeta> resource, ValidationProblems problems)
    {
        var spec = ((DestinationRule)resource).Spec;
        var host = spec?.Host ?? string.Empty;
        if (host == "*")
        {
            problems.Add("spec.host", "is '*'; a DestinationRule must name the host it configures");
        }
        else if (IstioHostNames.WildcardDomainProblem(host) is { } problem)
        {
            problems.Add("spec.host", problem);
        }

        TrafficPolicy(spec?.TrafficPolicy, "spec.trafficPolicy", problems);
        var subsetNames = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < (spec?.Subsets?.Count ?? 0); i++)
        {
            var subset = spec!.Subsets![i];
            var path = string.Create(CultureInfo.InvariantCulture, $"spec.subsets[{i}]");
            Subset(subset, path, i, subsetNames, problems);
            TrafficPolicy(subset.TrafficPolicy, path + ".trafficPolicy", problems);
        }
    }

    private static void Subset(DestinationRuleSubset subset, string path, int index, Dictionary<string, int> names, ValidationProblems problems)
    {
        var name = subset.Name ?? string.Empty;
        if (!LabelSyntax.IsLabel(name))
        {
            problems.Add(path + ".name", $"'{name}' is not a subset name: {LabelSyntax.LabelRule}");
        }
        else if (!names.TryAdd(name, index))
        {
            problems.Add(path + ".name", string.Create(CultureInfo.InvariantCulture, $"repeats the subset name '{name}' of spec.subsets[{names[name]}]"));
        }

        foreach (var (key, value) in (subset.Labels ?? []).OrderBy(static label => label.Key, StringComparer.Ordinal))
        {
            if (!LabelSyntax.IsKey(key))
            {
                problems.Add(FieldPath.Property(path + ".labels", key), $"is not a label key: {LabelSyntax.KeyRule}");
            }
            else if (!LabelSyntax.IsValue(value ?? string.Empty))
            {
                problems.Add(FieldPath.Property(path + ".labels", key), $"'{value}' is not a label value: {LabelSyntax.ValueRule}");
            }
        }
    }

    private static void TrafficPolicy(DestinationRuleTrafficPolicy? policy, string path, ValidationProblems problems)
    {
        if (policy is null)
        {
            return;
        }

        OutlierDetection(policy.OutlierDetection, path + ".outlierDetection", problems);
        LoadBalancer(policy.LoadBalancer, path + ".loadBalancer", problems);
        ConnectionPool(policy.ConnectionPool, path + ".connectionPool", problems);
        for (var i = 0; i < (policy.PortLevelSettings?.Count ?? 0); i++)
        {
            var port = policy.PortLevelSettings![i];
            var portPath = string.Create(CultureInfo.InvariantCulture, $"{path}.portLevelSettings[{i}]");
            if (port.Port is null)
            {
                problems.Add(portPath + ".port", "is required: a port-level policy must name the port it is for");
            }

            if (port.OutlierDetection is null && port.ConnectionPool is null && port.LoadBalancer is null && port.Tls is null)
            {
                problems.Add(portPath, "sets no policy; a port-level policy needs at least one of connectionPool, loadBalancer, outlierDetection and tls");
            }

            OutlierDetection(port.OutlierDetection, portPath + ".outlierDetection", problems);
            LoadBalancer(port.LoadBalancer, portPath + ".loadBalancer", problems);
            ConnectionPool(port.ConnectionPool, portPath + ".connectionPool", problems);
        }
    }

    private static void ConnectionPool(DestinationRuleConnectionPool? pool, string path, ValidationProblems problems)
    {
        var limits = new[]
        {
            ("tcp.maxConnections", pool?.Tcp?.MaxConnections),
            ("http.http1MaxPendingRequests", pool?.Http?.Http1MaxPendingRequests),
            ("http.http2MaxRequests", pool?.Http?.Http2MaxRequests),
            ("http.maxRequestsPerConnection", pool?.Http?.MaxRequestsPerConnection),
            ("http.maxRetries", pool?.Http?.MaxRetries),
            ("http.maxConcurrentStreams", pool?.Http?.MaxConcurrentStreams),
        };
        foreach (var (field, value) in limits)
        {
            if (value is < 0)
            {
                problems.Add($"{path}.{field}", string.Create(CultureInfo.InvariantCulture, $"is {value}; a connection-pool limit must not be negative"));
            }
        }
    }

    private static void LocalityLoadBalancing(DestinationRuleLoadBalancerLocalityLbSetting? locality, string path, ValidationProblems problems)
    {
        if (locality is null)
        {
            return;
        }

        var distribute = locality.Distribute ?? [];
        var failover = locality.Failover ?? [];
        if (distribute.Count > 0 && failover.Count > 0)
        {
            problems.Add(path, "sets both distribute and failover, which cannot be used together");
        }

        for (var i = 0; i < distribute.Count; i++)
        {
            var toPath = string.Create(CultureInfo.InvariantCulture, $"{path}.distribute[{i}].to");
            long total = 0;
            foreach (var (to, weight) in (distribute[i].To ?? []).OrderBy(static target => target.Key, StringComparer.Ordinal))
            {
                total += weight;
                if (weight is < 1 or > 100)
                {
                    problems.Add(FieldPath.Property(toPath, to), string.Create(CultureInfo.InvariantCulture, $"is {weight}; a locality weight must be between 1 and 100"));
                }
            }

            if (total != 100)
            {
                problems.Add(toPath, string.Create(CultureInfo.InvariantCulture, $"weights add up to {total}; they must add up to 100"));
            }
        }

        for (var i = 0; i < failover.Count; i++)
        {
            var from = failover[i].From ?? string.Empty;
            var to = failover[i].To ?? string.Empty;
            var failoverPath = string.Create(CultureInfo.InvariantCulture, $"{path}.failover[{i}]");
            if (from == to)
            {
                problems.Add(failoverPath, $"fails over from '{from}' to itself; it must name two different regions");
            }
            else if ((from + to).Contains('/', StringComparison.Ordinal) || (from + to).Contains('*', StringComparison.Ordinal))
            {
                problems.Add(failoverPath, "must name regions only, without '/' zones or '*' wildcards");
            }
        }
    }

    private static void OutlierDetection(DestinationRuleOutlierDetection? outlier, string path, ValidationProblems problems)
    {
        if (outlier?.MaxEjectionPercent is < 0 or > 100)
        {
            problems.Add(path + ".maxEjectionPercent", string.Create(CultureInfo.InvariantCulture, $"is {outlier.MaxEjectionPercent}; a percentage must be between 0 and 100"));
        }

        if (outlier?.MinHealthPercent is < 0 or > 100)
        {
            problems.Add(path + ".minHealthPercent", string.Create(CultureInfo.InvariantCulture, $"is {outlier.MinHealthPercent}; a percentage must be between 0 and 100"));
        }
    }

    private static void LoadBalancer(DestinationRuleLoadBalancer? balancer, string path, ValidationProblems problems)
    {
        LocalityLoadBalancing(balancer?.LocalityLbSetting, path + ".localityLbSetting", problems);
        if (balancer?.ConsistentHash is not { } hash)
        {
            return;
        }

        path += ".consistentHash";
        if (hash.HttpHeaderName is { } header && !IsHeaderName(header))
        {
            problems.Add(path + ".httpHeaderName", $"'{header}' is not a header name Istio takes (letters, digits, '-' and '_' only)");
        }

        if (hash.HttpCookie is { } cookie && string.IsNullOrEmpty(cookie.Name))
        {
            problems.Add(path + ".httpCookie.name", "is empty; a hash cookie needs a name");
        }

        foreach (var (field, size) in new[] { ("minimumRingSize", hash.MinimumRingSize), ("ringHash.minimumRingSize", hash.RingHash?.MinimumRingSize) })
        {
            if (size is > MaxRingSize)
            {
                problems.Add($"{path}.{field}", string.Create(CultureInfo.InvariantCulture, $"is {size}; Envoy's ring holds at most {MaxRingSize} entries"));
            }
        }

        if (hash.Maglev?.TableSize is { } table && table != 0 && (table > MaxMaglevTableSize || !IsPrime(table)))
        {
            problems.Add(path + ".maglev.tableSize", string.Create(CultureInfo.InvariantCulture, $"is {table}; a Maglev table size must be a prime number of at most {MaxMaglevTableSize}"));
        }
    }

    // Istio's ValidateHTTPHeaderName (as understood, not checked against the source): ^[-_A-Za-z0-9]+$.
    private static bool IsHeaderName(string name)
        => name.Length > 0 && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsPrime(long value)
    {
        if (value < 2)
        {
            return false;
        }

        for (long divisor = 2; divisor * divisor <= value; divisor++)
        {
            if (value % divisor == 0)
            {
                return false;
            }
        }

        return true;
    }
}
