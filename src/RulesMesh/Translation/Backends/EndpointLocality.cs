using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;

namespace RulesMesh.Translation.Backends;

/// <summary>A workload's locality: region, zone and subzone, each possibly empty (kgateway's <c>PodLocality</c>).</summary>
internal readonly record struct EndpointLocality(string Region, string Zone, string Subzone) : IComparable<EndpointLocality>
{
    /// <summary>The label that carries a node's or workload's region.</summary>
    public const string RegionLabel = "topology.kubernetes.io/region";

    /// <summary>The label that carries a node's or workload's zone.</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>The label that carries a node's or workload's subzone.</summary>
    public const string SubzoneLabel = "topology.istio.io/subzone";

    /// <summary>No locality.</summary>
    public static EndpointLocality None { get; } = new(string.Empty, string.Empty, string.Empty);

    /// <summary>Whether every part is empty.</summary>
    public bool IsNone => this == None;

    /// <summary>Istio's <c>region/zone/subzone</c> form; the subzone keeps any further slashes.</summary>
    public static EndpointLocality Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return None;
        }

        var parts = text.Split('/', 3);
        return new EndpointLocality(parts[0], parts.Length > 1 ? parts[1] : string.Empty, parts.Length > 2 ? parts[2] : string.Empty);
    }

    /// <summary>The topology labels' locality (region, zone, subzone labels).</summary>
    public static EndpointLocality FromLabels(IReadOnlyDictionary<string, string>? labels)
        => labels is null
            ? None
            : new EndpointLocality(labels.GetValueOrDefault(RegionLabel) ?? string.Empty, labels.GetValueOrDefault(ZoneLabel) ?? string.Empty, labels.GetValueOrDefault(SubzoneLabel) ?? string.Empty);

    /// <summary>The Envoy locality, or null for none.</summary>
    public Locality? ToEnvoy() => IsNone ? null : new Locality { Region = Region, Zone = Zone, SubZone = Subzone };

    /// <inheritdoc />
    public int CompareTo(EndpointLocality other)
    {
        var byRegion = string.CompareOrdinal(Region, other.Region);
        if (byRegion != 0)
        {
            return byRegion;
        }

        var byZone = string.CompareOrdinal(Zone, other.Zone);
        return byZone != 0 ? byZone : string.CompareOrdinal(Subzone, other.Subzone);
    }
}

/// <summary>
/// Collects endpoints by locality and writes them as a <see cref="ClusterLoadAssignment"/>: one <c>endpoints[]</c> entry
/// per locality, no locality first and then by region, zone and subzone; each entry weighs the sum of its endpoints'
/// weights (kgateway's <c>EndpointsForBackend</c>).
/// </summary>
internal sealed class LocalityEndpoints
{
    private readonly SortedDictionary<EndpointLocality, List<LbEndpoint>> _byLocality = new();

    /// <summary>How many endpoints were added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an endpoint at <paramref name="address"/>:<paramref name="port"/>.</summary>
    public void Add(EndpointLocality locality, string address, uint port, uint weight = 1)
    {
        if (!_byLocality.TryGetValue(locality, out var list))
        {
            list = [];
            _byLocality[locality] = list;
        }

        list.Add(new LbEndpoint
        {
            Endpoint = new Endpoint
            {
                Address = new Address { SocketAddress = new Envoy.Config.Core.V3.SocketAddress { Address = address, PortValue = port } },
            },
            LoadBalancingWeight = weight,
        });
        Count++;
    }

    /// <summary>The assignment for <paramref name="clusterName"/>.</summary>
    public ClusterLoadAssignment Build(string clusterName)
    {
        var assignment = new ClusterLoadAssignment { ClusterName = clusterName };
        foreach (var (locality, endpoints) in _byLocality)
        {
            var group = new LocalityLbEndpoints
            {
                Locality = locality.ToEnvoy(),
                LoadBalancingWeight = (uint)endpoints.Sum(static e => (long)(e.LoadBalancingWeight ?? 1)),
            };
            group.LbEndpoints.AddRange(endpoints);
            assignment.Endpoints.Add(group);
        }

        return assignment;
    }
}

/// <summary>IP address checks as strict as Go's <c>netip.ParseAddr</c>: dotted-quad IPv4 or IPv6, nothing .NET merely tolerates.</summary>
internal static class IpAddresses
{
    /// <summary>Whether <paramref name="text"/> is an IPv4 address in dotted-quad form or an IPv6 address.</summary>
    public static bool IsIp(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(static part =>
            part.Length is > 0 and <= 3
            && part.All(char.IsAsciiDigit)
            && (part.Length == 1 || part[0] != '0')
            && int.Parse(part, CultureInfo.InvariantCulture) <= 255);
    }
}
