using System.Globalization;
using k8s;
using k8s.Models;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Validation;

/// <summary>
/// What Istio's webhook refuses in a DestinationRule (validateDestinationRule): a host that is not a valid wildcard
/// domain, plus <c>*</c> (a DestinationRule for every host would apply one service's policy to all of them, issue 10);
/// and in every traffic policy (top level, per port, per subset) the values Envoy would refuse: ejection and health
/// percentages outside 0–100, a hash header that is no HTTP header name, a hash cookie without a name, a ring larger
/// than Envoy's 8,388,608 entries, a Maglev table size that is not a prime of at most 5,000,011.
/// </summary>
[Rule("istio.validation.destination-rule", Order = 3, Description = "A DestinationRule's host must be a DNS name (a leading wildcard allowed), not empty or '*'; its traffic policies must hold values Envoy takes.")]
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
        for (var i = 0; i < (spec?.Subsets?.Count ?? 0); i++)
        {
            TrafficPolicy(spec!.Subsets![i].TrafficPolicy, string.Create(CultureInfo.InvariantCulture, $"spec.subsets[{i}].trafficPolicy"), problems);
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
        for (var i = 0; i < (policy.PortLevelSettings?.Count ?? 0); i++)
        {
            var port = policy.PortLevelSettings![i];
            var portPath = string.Create(CultureInfo.InvariantCulture, $"{path}.portLevelSettings[{i}]");
            OutlierDetection(port.OutlierDetection, portPath + ".outlierDetection", problems);
            LoadBalancer(port.LoadBalancer, portPath + ".loadBalancer", problems);
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
