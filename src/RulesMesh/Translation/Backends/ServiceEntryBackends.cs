using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// kgateway's ServiceEntry backends (docs/spec/kgateway-waypoint.md §3.2): none for resolution NONE; otherwise one per host × port (hosts outer,
/// ports inner), each answering to the ServiceEntry itself and to a <c>networking.istio.io/Hostname</c> alias (no
/// namespace) for every host of the entry.
/// </summary>
[Rule("kgateway.backends.serviceentry", Order = 200,
    Description = "A ServiceEntry has one backend per host and port (none for resolution NONE), each aliased by the entry itself and by a Hostname per host.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class ServiceEntryBackends : IBackendsRule
{
    /// <summary>The kind of the synthetic alias a ServiceEntry host answers to (kgateway's <c>HostnameGVK</c>).</summary>
    public const string HostnameKind = ServiceModel.ServiceEntryServices.HostnameKind;

    /// <inheritdoc />
    public IReadOnlyList<BackendObject>? Backends(MeshService service, TranslationContext context) => Build(service, context, passthrough: false);

    /// <summary>
    /// The backends of <paramref name="service"/> when it is a ServiceEntry: one per host × port; for resolution NONE
    /// none, unless <paramref name="passthrough"/> (Istio builds ORIGINAL_DST clusters for them).
    /// </summary>
    internal static IReadOnlyList<BackendObject>? Build(MeshService service, TranslationContext context, bool passthrough)
    {
        if (ServiceEntrySpecs.Read(service) is not { } entry)
        {
            return null;
        }

        var resolution = ServiceEntrySpecs.Resolution(entry);
        if (resolution == ServiceEntryResolution.None && !passthrough)
        {
            // kgateway: "passthrough not supported".
            return [];
        }

        if (resolution != ServiceEntryResolution.None && resolution != ServiceEntryResolution.Static && resolution != ServiceEntryResolution.Dns && resolution != ServiceEntryResolution.DnsRoundRobin)
        {
            var supported = passthrough ? "NONE, STATIC, DNS and DNS_ROUND_ROBIN" : "STATIC, DNS and DNS_ROUND_ROBIN";
            context.Warn(service.Key, "spec.resolution", $"resolution {resolution} is not supported (only {supported} are); it gets no clusters");
            return [];
        }

        // Every backend of the entry answers to the same aliases: one list for all of them.
        var aliases = new ObjectKey[service.Hostnames.Count + 1];
        aliases[0] = service.Key;
        for (var i = 0; i < service.Hostnames.Count; i++)
        {
            aliases[i + 1] = new ObjectKey(ServiceEntry.KubeGroup, HostnameKind, string.Empty, service.Hostnames[i]);
        }

        var ports = new List<ServicePort>(service.Ports.Count);
        var portNumbers = new HashSet<int>();
        for (var i = 0; i < service.Ports.Count; i++)
        {
            var port = service.Ports[i];
            if (BackendNaming.CheckPort(context, service, port) && portNumbers.Add(port.Port))
            {
                ports.Add(port);
            }
        }

        var hosts = new HashSet<string>(StringComparer.Ordinal);
        var backends = new List<BackendObject>(service.Hostnames.Count * ports.Count);
        for (var h = 0; h < service.Hostnames.Count; h++)
        {
            var host = service.Hostnames[h];
            if (!hosts.Add(host))
            {
                continue;
            }

            foreach (var port in ports)
            {
                backends.Add(new BackendObject(service, port, host, BackendNaming.ClusterName(context, service, port, host, host), aliases) { ExtraKey = host });
            }
        }

        return backends;
    }
}
