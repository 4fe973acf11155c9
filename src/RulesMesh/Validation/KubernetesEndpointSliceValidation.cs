using System.Globalization;
using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Validation;

/// <summary>
/// What the API server refuses in an EndpointSlice's endpoints (ValidateEndpointSlice in k8s.io/kubernetes
/// pkg/apis/discovery/validation): an endpoint without an address, and an address that is not of the slice's
/// addressType — an IPv4 slice holds dotted-quad IPv4 addresses (no leading zeros: Envoy reads no other form, and the API server refuses them with strict IP validation on), an IPv6 slice
/// IPv6 addresses. An FQDN slice is not checked here: no rule reads one.
/// </summary>
[Rule("kubernetes.validation.endpoint-slice", Order = 6, Description = "The API server's checks of an EndpointSlice's addresses against its addressType.")]
[AppliesTo("discovery.k8s.io", "EndpointSlice")]
public sealed class KubernetesEndpointSliceValidation : IObjectValidationRule
{
    /// <inheritdoc />
    public void Validate(IKubernetesObject<V1ObjectMeta> resource, ValidationProblems problems)
    {
        var slice = (V1EndpointSlice)resource;
        var family = slice.AddressType;
        if (family is not ("IPv4" or "IPv6"))
        {
            return;
        }

        var endpoints = slice.Endpoints ?? [];
        for (var e = 0; e < endpoints.Count; e++)
        {
            var addresses = endpoints[e]?.Addresses ?? [];
            if (addresses.Count == 0)
            {
                problems.Add(AddressesOf(e), "is empty; an endpoint needs at least one address");
            }

            for (var a = 0; a < addresses.Count; a++)
            {
                var address = addresses[a] ?? string.Empty;
                if (!IsOfFamily(address, family))
                {
                    problems.Add(FieldPath.Index(AddressesOf(e), a), string.Create(CultureInfo.InvariantCulture, $"'{address}' is not an {family} address, which the slice's addressType {family} requires{(family == "IPv4" ? " (four decimal numbers 0-255 without leading zeros)" : string.Empty)}"));
                }
            }
        }
    }

    // Made only for a problem: a mesh's slices hold tens of thousands of valid endpoints.
    private static string AddressesOf(int endpoint) => FieldPath.Property(FieldPath.Index("endpoints", endpoint), "addresses");

    private static bool IsOfFamily(string address, string family)
        => family == "IPv4"
            ? IpAddresses.IsIPv4(address)
            : address.Contains(':', StringComparison.Ordinal) && IpAddresses.IsIpWithoutZone(address);
}
