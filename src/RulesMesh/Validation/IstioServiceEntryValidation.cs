using System.Collections.Immutable;
using System.Net;
using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Validation;

/// <summary>
/// What Istio's validation webhook refuses in a ServiceEntry (ValidateServiceEntry, docs/spec/istio-gatewayapi.md
/// §4.3) beyond the CRD's CEL rules: hosts that are not DNS names (<c>*</c>, empty, spaces, IPs); addresses that are not
/// IPs or CIDRs; repeated port names and unknown protocols; DNS resolution of a wildcard host with no endpoints; STATIC
/// endpoints that are not IPs or unix sockets, DNS endpoints that are not IPs or DNS names; endpoint port names the
/// entry does not declare; DYNAMIC_DNS with a host that is not a wildcard, with addresses or endpoints, with a port that
/// is neither HTTP-family nor TLS, or MESH_INTERNAL with a waypoint label; several hosts with a port that is neither
/// HTTP-family nor TLS (unless NONE). Istio's warnings are not errors here.
/// </summary>
[Rule("istio.validation.service-entry", Order = 1, Description = "Istio's webhook checks of a ServiceEntry beyond its CRD rules.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class IstioServiceEntryValidation : IObjectValidationRule
{
    private const string UseWaypointLabel = "istio.io/use-waypoint";

    // Istio's protocol.Parse, case-insensitive; anything else is "Unsupported", which validation refuses.
    private static readonly ImmutableArray<string> Protocols = ["HTTP", "HTTPS", "GRPC", "GRPC-WEB", "HTTP2", "HTTP_PROXY", "MONGO", "MYSQL", "REDIS", "TCP", "TLS", "UDP"];
    private static readonly ImmutableArray<string> HostDistinguishing = ["HTTP", "HTTPS", "GRPC", "GRPC-WEB", "HTTP2", "HTTP_PROXY", "TLS"];

    /// <inheritdoc />
    public void Validate(IKubernetesObject<V1ObjectMeta> resource, ValidationProblems problems)
    {
        var spec = ((ServiceEntry)resource).Spec;
        var resolution = (spec.Resolution ?? ServiceEntryResolution.None).Value;
        var endpoints = spec.Endpoints ?? [];
        var ports = spec.Ports ?? [];
        if (spec.Hosts.Count == 0)
        {
            problems.Add("spec.hosts", "must name at least one host");
        }

        for (var i = 0; i < spec.Hosts.Count; i++)
        {
            var host = spec.Hosts[i];
            var path = FieldPath.Index("spec.hosts", i);
            if (host == "*")
            {
                problems.Add(path, "is '*'; a ServiceEntry cannot be for every host");
            }
            else if (IstioHostNames.WildcardDomainProblem(host) is { } problem)
            {
                problems.Add(path, problem);
            }
            else if (resolution is "DNS" or "DNS_ROUND_ROBIN" && endpoints.Count == 0 && IstioHostNames.IsWildcard(host))
            {
                problems.Add(path, "is a wildcard, which DNS resolution cannot resolve without endpoints");
            }
            else if (resolution == "DYNAMIC_DNS" && !IstioHostNames.IsWildcard(host))
            {
                problems.Add(path, "must be a wildcard with DYNAMIC_DNS resolution");
            }
        }

        for (var i = 0; i < (spec.Addresses?.Count ?? 0); i++)
        {
            if (!IstioHostNames.IsIPOrCidr(spec.Addresses![i]))
            {
                problems.Add(FieldPath.Index("spec.addresses", i), "is not an IP address or CIDR block");
            }
        }

        if (resolution == "DYNAMIC_DNS" && (spec.Addresses is { Count: > 0 } || endpoints.Count > 0))
        {
            problems.Add("spec", "sets addresses or endpoints, which DYNAMIC_DNS resolution forbids");
        }

        // A MESH_INTERNAL DYNAMIC_DNS entry cannot be bound to a waypoint; an empty or "none" label binds nothing.
        if (resolution == "DYNAMIC_DNS"
            && spec.Location == ServiceEntryLocation.MeshInternal
            && resource.Metadata?.Labels is { } labels
            && labels.TryGetValue(UseWaypointLabel, out var waypoint)
            && waypoint is { Length: > 0 }
            && !waypoint.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("spec.location", $"is MESH_INTERNAL, which DYNAMIC_DNS resolution does not allow with {UseWaypointLabel}: {waypoint}");
        }

        ValidatePorts(spec, resolution, ports, problems);
        for (var i = 0; i < endpoints.Count; i++)
        {
            ValidateEndpoint(endpoints[i], FieldPath.Index("spec.endpoints", i), resolution, ports, problems);
        }
    }

    private static void ValidatePorts(ServiceEntrySpec spec, string resolution, List<ServiceEntryPort> ports, ValidationProblems problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var path = FieldPath.Index("spec.ports", i);
            if (!names.Add(ports[i].Name))
            {
                problems.Add(FieldPath.Property(path, "name"), $"repeats the port name '{ports[i].Name}'");
            }

            var protocol = ports[i].Protocol;
            if (protocol is not null && !Protocols.Contains(protocol.ToUpperInvariant(), StringComparer.Ordinal))
            {
                problems.Add(FieldPath.Property(path, "protocol"), $"'{protocol}' is not a protocol Istio knows ({string.Join(", ", Protocols)})");
            }
            else if (resolution == "DYNAMIC_DNS" && !HostDistinguishing.Contains((protocol ?? string.Empty).ToUpperInvariant(), StringComparer.Ordinal))
            {
                problems.Add(FieldPath.Property(path, "protocol"), "must be HTTP-family or TLS with DYNAMIC_DNS resolution, which forwards by the Host header or SNI");
            }
            else if (spec.Hosts.Count > 1 && resolution != "NONE" && !HostDistinguishing.Contains((protocol ?? "TCP").ToUpperInvariant(), StringComparer.Ordinal))
            {
                problems.Add(FieldPath.Property(path, "protocol"), "is neither HTTP-family nor TLS, so it cannot tell the entry's several hosts apart");
            }
        }
    }

    private static void ValidateEndpoint(ServiceEntryEndpoint endpoint, string path, string resolution, List<ServiceEntryPort> ports, ValidationProblems problems)
    {
        var address = endpoint.Address ?? string.Empty;
        var isUnix = address.StartsWith("unix://", StringComparison.Ordinal);
        if (resolution == "STATIC" && address.Length > 0 && !isUnix && !IPAddress.TryParse(address, out _))
        {
            problems.Add(FieldPath.Property(path, "address"), "must be an IP address or a unix:// socket with STATIC resolution");
        }
        else if (resolution is "DNS" or "DNS_ROUND_ROBIN" && address.Length > 0 && !isUnix && !IPAddress.TryParse(address, out _) && !IstioHostNames.IsFqdn(address))
        {
            problems.Add(FieldPath.Property(path, "address"), "must be an IP address or a DNS name with DNS resolution");
        }

        foreach (var name in (endpoint.Ports ?? []).Keys.Order(StringComparer.Ordinal))
        {
            if (!ports.Exists(port => port.Name == name))
            {
                problems.Add(FieldPath.Property(FieldPath.Property(path, "ports"), name), $"names port '{name}', which the ServiceEntry does not declare");
            }
        }
    }
}
