using System.Net;
using System.Text.Json;
using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The services a waypoint owns, as istiod finds them (docs/spec/istio-waypoint-output.md §1, §5): every captured Service, and every host
/// of every captured ServiceEntry as a service of its own, in istiod's order (creation time, then <c>Attributes.Name</c>,
/// then namespace). UDP ports are skipped. A DYNAMIC_DNS ServiceEntry is owned only when MESH_EXTERNAL, and then only
/// with its HTTP ports (§3, §5; its TLS ports need a flag that is off by default).
/// </summary>
internal static class IstioOwnedServices
{
    /// <summary>The label that opts a ServiceEntry out of VIP auto-allocation.</summary>
    public const string AutoAllocateLabel = "networking.istio.io/enable-autoallocate-ip";

    /// <summary>
    /// The owned services of <paramref name="waypoint"/>, in istiod's order: one per host and namespace, as istiod takes
    /// the one service of <c>HostnameAndNamespace[H][ns]</c> (a Kubernetes Service wins, then the oldest; §1). That index
    /// holds every service of the mesh, so a host a captured object claims is served as the winner among every object of
    /// its namespace that claims it, captured or not.
    /// </summary>
    public static IReadOnlyList<IstioOwnedService> For(GatewayCapture waypoint, TranslationContext context)
    {
        var owned = waypoint.Services
            .Where(static s => s.Decision.IsCaptured)
            .SelectMany(s => Expand(s.Service, context))
            .GroupBy(static s => (s.Host, s.Service.Namespace))
            .Select(claims => claims.Concat(Uncaptured(claims.Key.Host, claims.Key.Namespace, claims, context))
                .OrderBy(static s => s.Service.Source is V1Service ? 0 : 1)
                .ThenBy(static s => s.Service.Source.Metadata?.CreationTimestamp ?? DateTime.MinValue)
                .ThenBy(static s => s.Service.Name, StringComparer.Ordinal)
                .First())
            .OrderBy(static s => s.Service.Source.Metadata?.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(static s => s.AttributesName, StringComparer.Ordinal)
            .ThenBy(static s => s.Service.Namespace, StringComparer.Ordinal)
            .ToList();
        return OnePerHost(owned, waypoint, context);
    }

    /// <summary>
    /// The first of <paramref name="owned"/> (istiod's order) for each host. The waypoint's chains and inbound clusters
    /// are named by host alone (<c>inbound-vip|80|http|H</c>): a host owned from two namespaces would give the listener two
    /// chains of one name, which its matcher cannot tell apart, and one cluster for both VIPs. The later ones are left
    /// out, with a warning.
    /// </summary>
    private static List<IstioOwnedService> OnePerHost(List<IstioOwnedService> owned, GatewayCapture waypoint, TranslationContext context)
    {
        var first = new Dictionary<string, IstioOwnedService>(StringComparer.Ordinal);
        var kept = new List<IstioOwnedService>(owned.Count);
        foreach (var service in owned)
        {
            if (first.TryAdd(service.Host, service))
            {
                kept.Add(service);
                continue;
            }

            var winner = first[service.Host].Service.Key;
            context.Warn(service.Service.Key, null, $"host {service.Host} is also owned by waypoint {waypoint.Name.Namespace}/{waypoint.Name.Name} from {WarningSubject.Of(winner)}, which comes first (older, then by name and namespace); the waypoint's chains and clusters are named by host alone, so this one gets none");
        }

        return kept;
    }

    /// <summary>The other objects of <paramref name="ns"/> that claim <paramref name="host"/>, as services of that host.</summary>
    private static IEnumerable<IstioOwnedService> Uncaptured(string host, string ns, IEnumerable<IstioOwnedService> captured, TranslationContext context)
        => Backends.BackendIndex.For(context).ForHost(host)
            .Select(static backend => backend.Service)
            .Where(service => service.Namespace == ns && !captured.Any(c => ReferenceEquals(c.Service.Source, service.Source)))
            .DistinctBy(static service => service.Source)
            .SelectMany(service => Expand(service, context, host))
            .Where(service => service.Host == host);

    /// <summary>
    /// The Istio services one captured object stands for: one for a Service, one per host for a ServiceEntry; only
    /// <paramref name="onlyHost"/>'s when given (the others' addresses are not read, nor warned about).
    /// </summary>
    public static IEnumerable<IstioOwnedService> Expand(MeshService service, TranslationContext context, string? onlyHost = null)
    {
        if (service.Source is V1Service kube)
        {
            var headless = kube.Spec?.ClusterIP == "None";
            var ports = (kube.Spec?.Ports ?? []).OfType<V1ServicePort>()
                .Select(p => new IstioPort(service.Ports.First(s => s.Port == p.Port && s.Name == (p.Name ?? string.Empty)), IstioProtocol.OfServicePort(p.Name, p.Protocol, p.AppProtocol)))
                .Where(static p => !p.Protocol.IsUdp)
                .ToList();
            yield return new IstioOwnedService(service, service.Hostnames[0], headless ? [] : service.Addresses, ports, headless ? IstioDiscovery.OriginalDst : IstioDiscovery.Eds, MeshExternal: false);
            yield break;
        }

        if (service.Source is not ServiceEntry entry)
        {
            yield break;
        }

        var resolution = entry.Spec.Resolution ?? ServiceEntryResolution.None;
        var meshExternal = entry.Spec.Location != ServiceEntryLocation.MeshInternal;
        var dynamic = resolution == ServiceEntryResolution.DynamicDns;
        if (dynamic && !meshExternal)
        {
            // istio-gatewayapi.md §6.4 item 4: "MESH_INTERNAL + DYNAMIC_DNS services are skipped with a warning".
            if (onlyHost is null)
            {
                context.Warn(service.Key, "spec.resolution", "resolution DYNAMIC_DNS with location MESH_INTERNAL: a waypoint serves DYNAMIC_DNS entries only when MESH_EXTERNAL, so it gets no chain or cluster");
            }

            yield break;
        }

        var discovery = dynamic ? IstioDiscovery.DynamicForwardProxy
            : resolution == ServiceEntryResolution.None ? IstioDiscovery.OriginalDst
            : resolution == ServiceEntryResolution.DnsRoundRobin || (resolution == ServiceEntryResolution.Dns && IstioConnectStrategy.Races(service, out _)) ? IstioDiscovery.LogicalDns
            : resolution == ServiceEntryResolution.Dns ? IstioDiscovery.StrictDns
            : IstioDiscovery.Eds;
        var entryPorts = (entry.Spec.Ports ?? [])
            .Select(p => new IstioPort(service.Ports.First(s => s.Port == (int)p.Number), IstioProtocol.Parse(p.Protocol)))
            .Where(p => dynamic ? p.Protocol.IsHttp : !p.Protocol.IsUdp)
            .ToList();
        foreach (var host in entry.Spec.Hosts.Where(h => onlyHost is null || h == onlyHost))
        {
            yield return new IstioOwnedService(service, host, HostAddresses(entry, host, resolution, service, context), entryPorts, discovery, meshExternal);
        }
    }

    /// <summary>
    /// A ServiceEntry host's VIPs: <c>spec.addresses</c> (a /32 or /128 read as the IP; istiod keeps one per host, taken
    /// here as the smallest, which the spec leaves open), else the host's own auto-allocated <c>status.addresses</c>
    /// unless resolution is NONE or the entry opts out.
    /// </summary>
    private static List<string> HostAddresses(ServiceEntry entry, string host, ServiceEntryResolution resolution, MeshService service, TranslationContext context)
    {
        if (entry.Spec.Addresses is { Count: > 0 } written)
        {
            var normalised = written.Select(Normalise).Order(StringComparer.Ordinal).ToList();
            if (normalised.Count > 1)
            {
                context.Warn(
                    service.Key,
                    "spec.addresses",
                    $"host {host} has {normalised.Count} addresses; istiod's waypoint keeps one Service per host, taken here as {normalised[0]} (docs/spec/istio-waypoint-output.md §5, ambiguous)");
            }

            return [normalised[0]];
        }

        if (resolution == ServiceEntryResolution.None
            || (service.Labels.TryGetValue(AutoAllocateLabel, out var allocate) && allocate == "false"))
        {
            return [];
        }

        return StatusAddresses(entry, host);
    }

    /// <summary>The auto-allocated addresses of <paramref name="host"/>: at most one IPv4 and one IPv6 (<c>status.addresses[].host</c>).</summary>
    private static List<string> StatusAddresses(ServiceEntry entry, string host)
    {
        var found = new List<string>();
        if (entry.Status?.AdditionalProperties is not { } extra
            || !extra.TryGetValue("addresses", out var allocated)
            || allocated.ValueKind != JsonValueKind.Array)
        {
            return found;
        }

        foreach (var address in allocated.EnumerateArray())
        {
            if (address.ValueKind == JsonValueKind.Object
                && address.TryGetProperty("host", out var owner) && owner.ValueKind == JsonValueKind.String && owner.GetString() == host
                && address.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
                && IPAddress.TryParse(value.GetString(), out var ip)
                && !found.Exists(f => IPAddress.Parse(f).AddressFamily == ip.AddressFamily))
            {
                found.Add(value.GetString()!);
            }
        }

        return found;
    }

    private static string Normalise(string address)
    {
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(address[..slash], out var ip))
        {
            return address;
        }

        var full = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "32" : "128";
        return string.Equals(address[(slash + 1)..], full, StringComparison.Ordinal) ? address[..slash] : address;
    }
}
