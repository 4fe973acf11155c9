using RulesMesh.Mesh;

namespace RulesMesh.Translation.Istio;

/// <summary>How istiod discovers the endpoints of an owned service's <c>inbound-vip</c> clusters (docs/spec/istio-waypoint-output.md §3).</summary>
internal enum IstioDiscovery
{
    /// <summary>A Kubernetes Service, or a STATIC ServiceEntry: EDS.</summary>
    Eds,

    /// <summary>A DNS ServiceEntry: STRICT_DNS.</summary>
    StrictDns,

    /// <summary>A DNS_ROUND_ROBIN ServiceEntry, or one asking for <c>RACE_FIRST_TCP_CONNECT</c>: LOGICAL_DNS.</summary>
    LogicalDns,

    /// <summary>A headless Service, or a resolution NONE ServiceEntry: ORIGINAL_DST.</summary>
    OriginalDst,

    /// <summary>A MESH_EXTERNAL DYNAMIC_DNS ServiceEntry: Envoy's dynamic forward proxy.</summary>
    DynamicForwardProxy,
}

/// <summary>One non-UDP port of an owned service, with its protocol as Istio reads it.</summary>
/// <param name="Port">The port.</param>
/// <param name="Protocol">Its protocol.</param>
internal sealed record IstioPort(ServicePort Port, IstioProtocol Protocol)
{
    /// <summary>The service port number.</summary>
    public int Number => Port.Port;
}

/// <summary>
/// One service a waypoint owns, as istiod's <c>model.Service</c>: a Kubernetes Service, or one host of a ServiceEntry
/// (each host is its own service, with its own VIPs; docs/spec/istio-waypoint-output.md §5).
/// </summary>
/// <param name="Service">The object it came from.</param>
/// <param name="Host">The FQDN: the Service's cluster name or the ServiceEntry host.</param>
/// <param name="Addresses">Its VIPs, as CIDR ranges' text (an IP, or a CIDR of the spec); none for headless and unallocated ones.</param>
/// <param name="Ports">Its ports, UDP left out.</param>
/// <param name="Discovery">How its <c>inbound-vip</c> clusters find endpoints.</param>
/// <param name="MeshExternal">A ServiceEntry with location MESH_EXTERNAL (the default): routes to it use <c>outbound</c> clusters.</param>
internal sealed record IstioOwnedService(MeshService Service, string Host, IReadOnlyList<string> Addresses, IReadOnlyList<IstioPort> Ports, IstioDiscovery Discovery, bool MeshExternal)
{
    /// <summary>istiod's <c>Attributes.Name</c>: the host for a ServiceEntry, the object name for a Service.</summary>
    public string AttributesName => Service.Key.Kind == "Service" && Service.Key.Group.Length == 0 ? Service.Name : Host;

    /// <summary>The port numbered <paramref name="number"/>, or null.</summary>
    public IstioPort? Port(int number) => Ports.FirstOrDefault(p => p.Number == number);
}
