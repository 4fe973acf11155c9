using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Translation.Backends;

/// <summary>Reads the ServiceEntry behind a service (every served version is loaded as <c>networking.istio.io/v1</c>).</summary>
internal static class ServiceEntrySpecs
{
    /// <summary>Whether <paramref name="key"/> names a ServiceEntry.</summary>
    public static bool IsServiceEntry(ObjectKey key) => key.Group == ServiceEntry.KubeGroup && key.Kind == ServiceEntry.KubeKind;

    /// <summary>The ServiceEntry <paramref name="service"/> came from, as v1; null when it did not come from one.</summary>
    public static ServiceEntry? Read(MeshService service)
        => IsServiceEntry(service.Key) ? service.Source as ServiceEntry : null;

    /// <summary>The resolution, NONE when unset (the API default).</summary>
    public static ServiceEntryResolution Resolution(ServiceEntry entry) => entry.Spec.Resolution ?? ServiceEntryResolution.None;

    /// <summary>kgateway's "EDS SE": resolution STATIC and a workload selector with at least one label.</summary>
    public static bool SelectsWorkloads(ServiceEntry entry)
        => Resolution(entry) == ServiceEntryResolution.Static && entry.Spec.WorkloadSelector?.Labels is { Count: > 0 };

    /// <summary>
    /// Whether the entry is <c>location: MESH_INTERNAL</c>, the only case where endpoints may carry Istio's auto-mTLS
    /// metadata (docs/spec/kgateway-waypoint.md §3.4).
    /// </summary>
    public static bool IsMeshInternal(ServiceEntry entry) => entry.Spec.Location == ServiceEntryLocation.MeshInternal;

    /// <summary>The port an endpoint gets for <paramref name="port"/>: the SE port's <c>targetPort</c>, else its number.</summary>
    public static uint DefaultEndpointPort(ServicePort port) => port.TargetPort > 0 ? (uint)port.TargetPort : (uint)port.Port;

    /// <summary>The SE port behind <paramref name="port"/>, matched by number.</summary>
    public static ServiceEntryPort? Port(ServiceEntry entry, ServicePort port)
    {
        // Asked for every endpoint set and cluster of the entry: a loop, no closure.
        if (entry.Spec.Ports is not { } ports)
        {
            return null;
        }

        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i].Number == port.Port)
            {
                return ports[i];
            }
        }

        return null;
    }
}

/// <summary>Istio's auto-mTLS marking of an endpoint (docs/spec/kgateway-waypoint.md §3.4).</summary>
internal static class IstioMtls
{
    /// <summary>The label that says a workload speaks Istio mTLS.</summary>
    public const string TlsModeLabel = "security.istio.io/tlsMode";

    /// <summary>The metadata filter Envoy's transport socket matcher reads.</summary>
    public const string TransportSocketMatch = "envoy.transport_socket_match";

    /// <summary>
    /// <c>envoy.transport_socket_match: {tlsMode: istio}</c>, one instance shared by every endpoint (it is never changed
    /// after it is built; sharing saves an allocation per endpoint).
    /// </summary>
    public static Metadata Metadata { get; } = Build();

    /// <summary>
    /// The endpoint metadata for a workload with <paramref name="labels"/> of a ServiceEntry that is MESH_INTERNAL when
    /// <paramref name="meshInternal"/>: the mTLS marking when the labels carry <see cref="TlsModeLabel"/>, else none.
    /// </summary>
    public static Metadata? For(bool meshInternal, IReadOnlyDictionary<string, string>? labels)
        => meshInternal && labels is not null && labels.ContainsKey(TlsModeLabel) ? Metadata : null;

    /// <summary>
    /// Istio's TLS mode of a WorkloadEntry or a ServiceEntry's inline endpoint (docs/spec/istio-gatewayapi.md §4.1,
    /// <c>serviceAccount</c>): the <see cref="TlsModeLabel"/> label's value when it has one, else Istio mTLS when it
    /// names a service account; true when that mode is <c>istio</c>.
    /// </summary>
    public static bool SpeaksIstioMtls(IReadOnlyDictionary<string, string>? labels, string? serviceAccount)
        => labels is not null && labels.TryGetValue(TlsModeLabel, out var mode) ? mode == "istio" : !string.IsNullOrEmpty(serviceAccount);

    private static Metadata Build()
    {
        var match = new Struct();
        match.Fields["tlsMode"] = Value.ForString("istio");
        var metadata = new Metadata();
        metadata.FilterMetadata[TransportSocketMatch] = match;
        return metadata;
    }
}
