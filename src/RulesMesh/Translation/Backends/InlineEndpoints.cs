using System.Globalization;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// The inline load assignment of a STATIC or DNS ServiceEntry backend (docs/spec/kgateway-waypoint.md §3.3, §3.4): its <c>endpoints</c>, or for DNS
/// without endpoints the backend's own host. Each endpoint's port is <c>ports[&lt;port name&gt;]</c>, else the port's
/// <c>targetPort</c>, else its number; its weight <c>weight</c> or 1; its locality <c>locality</c> or the topology labels;
/// Istio's mTLS metadata when the entry is MESH_INTERNAL and the endpoint is labelled <c>security.istio.io/tlsMode</c>.
/// </summary>
internal static class InlineEndpoints
{
    private const string UnixPrefix = "unix://";

    /// <summary>
    /// The assignment for <paramref name="backend"/>, dropping (with a warning) endpoints Envoy would reject; for a
    /// DestinationRule <paramref name="subset"/>, only the declared endpoints with every one of its labels. With
    /// <paramref name="istioTlsMode"/>, an endpoint is marked for Istio mTLS by Istio's rule
    /// (<see cref="IstioMtls.SpeaksIstioMtls"/>: the label's value, else its service account) instead of kgateway's (the
    /// label's presence).
    /// </summary>
    public static BackendEndpoints Build(BackendObject backend, ServiceEntry entry, TranslationContext context, IReadOnlyDictionary<string, string>? subset = null, bool istioTlsMode = false)
    {
        var resolution = ServiceEntrySpecs.Resolution(entry);
        var isStatic = resolution == ServiceEntryResolution.Static;
        var sePort = ServiceEntrySpecs.Port(entry, backend.Port);
        var defaultPort = ServiceEntrySpecs.DefaultEndpointPort(backend.Port);
        var meshInternal = ServiceEntrySpecs.IsMeshInternal(entry);
        var declared = entry.Spec.Endpoints ?? [];
        // At least the host itself when the entry declares no endpoints.
        var endpoints = new LocalityEndpoints(Math.Max(declared.Count, 1));

        if (declared.Count == 0 && !isStatic)
        {
            if (IsWildcard(backend.Host))
            {
                // A DNS cluster resolves its endpoint's address: a wildcard is no name to resolve.
                context.Warn(backend.Key, null, $"host {EnvoyValues.Quote(backend.Host)} is a wildcard, which DNS resolution cannot resolve; its cluster gets no endpoints");
                return endpoints.Build(backend.ClusterName, backend.Key, context);
            }

            // kgateway adds every host of the entry to every cluster; each host's cluster gets only its own (docs/spec/kgateway-waypoint.md §9.1).
            endpoints.Add(EndpointLocality.None, backend.Host, defaultPort);
            return endpoints.Build(backend.ClusterName, backend.Key, context);
        }

        var kept = new List<(EndpointLabels Labels, string Address, uint Port, uint Weight, bool IstioMtls)>(declared.Count);
        for (var i = 0; i < declared.Count; i++)
        {
            var endpoint = declared[i];
            if (subset is { Count: > 0 } && !LabelSelector.Matches(subset, endpoint.Labels))
            {
                continue;
            }

            // Built only for a warning: most endpoints have none.
            string Field() => string.Create(CultureInfo.InvariantCulture, $"spec.endpoints[{i}].address");
            var address = endpoint.Address ?? string.Empty;
            if (address.Length == 0)
            {
                // An endpoint on another network is kept for network gateways, then filtered at CLA build.
                if (string.IsNullOrEmpty(endpoint.Network))
                {
                    context.Warn(backend.Key, Field(), $"{Field()} is empty and the endpoint names no network; the endpoint is dropped");
                }

                continue;
            }

            if (address.StartsWith(UnixPrefix, StringComparison.Ordinal))
            {
                context.Warn(backend.Key, Field(), $"{Field()} '{address}' is a Unix domain socket, which kgateway does not support; the endpoint is dropped");
                continue;
            }

            if (isStatic && !IpAddresses.IsIp(address))
            {
                context.Warn(backend.Key, Field(), $"{Field()} '{address}' is not an IP address, which resolution STATIC requires; the endpoint is dropped");
                continue;
            }

            if (!isStatic && IsWildcard(address))
            {
                context.Warn(backend.Key, Field(), $"{Field()} {EnvoyValues.Quote(address)} is a wildcard, which DNS resolution cannot resolve; the endpoint is dropped");
                continue;
            }

            if (sePort is not null && endpoint.Ports is { } portMap && portMap.TryGetValue(sePort.Name, out var target) && EnvoyValues.PortProblem(target) is { } portProblem)
            {
                context.Warn(backend.Key, FieldPath.Property(FieldPath.Index("spec.endpoints", i) + ".ports", sePort.Name), string.Create(CultureInfo.InvariantCulture, $"spec.endpoints[{i}].ports.{sePort.Name}: {portProblem}; the endpoint is dropped"));
                continue;
            }

            var port = sePort is not null && endpoint.Ports is { } ports && ports.TryGetValue(sePort.Name, out var mapped) && mapped > 0 ? mapped : defaultPort;
            var locality = endpoint.Locality is { Length: > 0 } text ? EndpointLocality.Parse(text) : EndpointLocality.FromLabels(endpoint.Labels);
            var network = endpoint.Network is { Length: > 0 } net ? net : endpoint.Labels?.GetValueOrDefault(EndpointLabels.NetworkLabel);
            var weight = endpoint.Weight is { } w and > 0 ? w : 1u;
            var mtls = istioTlsMode ? meshInternal && IstioMtls.SpeaksIstioMtls(endpoint.Labels, endpoint.ServiceAccount) : IstioMtls.For(meshInternal, endpoint.Labels) is not null;
            kept.Add((new EndpointLabels(locality, network, null, endpoint.Labels), address, port, weight, mtls));
        }

        if (resolution == ServiceEntryResolution.DnsRoundRobin && kept.Count > 1)
        {
            context.Warn(backend.Key, "spec.endpoints", "resolution DNS_ROUND_ROBIN allows at most one endpoint; only the first is kept");
            kept.RemoveRange(1, kept.Count - 1);
        }

        foreach (var (labels, address, port, weight, mtls) in kept)
        {
            endpoints.Add(labels, address, port, weight, mtls ? IstioMtls.Metadata : null);
        }

        return endpoints.Build(backend.ClusterName, backend.Key, context);
    }

    private static bool IsWildcard(string host) => host.Contains('*', StringComparison.Ordinal);
}
