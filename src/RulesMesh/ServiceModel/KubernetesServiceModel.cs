using System.Globalization;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.ServiceModel;

/// <summary>
/// kgateway's <c>FromService</c> (docs/spec/kgateway-waypoint.md §4): a Kubernetes Service becomes a <see cref="MeshService"/> with its ClusterIPs as
/// VIPs, its cluster FQDN as the one hostname, no aliases, and each port's protocol taken from <c>appProtocol</c>, else the
/// port name, else the transport protocol.
/// </summary>
[Rule("service-model.kubernetes-service", Order = 100,
    Description = "A Service's VIPs are its ClusterIPs (None excluded), its hostname <name>.<namespace>.svc.<cluster domain>, and a port's protocol is appProtocol, else the port name, else TCP/UDP/SCTP.")]
[AppliesTo("", "Service")]
public sealed class KubernetesServiceModel : IServiceModelRule<V1Service>
{
    /// <summary>The <c>clusterIP</c> value of a headless Service, which is not an address.</summary>
    private const string Headless = "None";

    /// <inheritdoc />
    public MeshService? Build(V1Service resource, RuleContext context)
    {
        var metadata = resource.Metadata ?? new V1ObjectMeta();
        var key = ObjectKeys.Of(resource, "", V1Service.KubeKind);
        var spec = resource.Spec ?? new V1ServiceSpec();
        return new MeshService(
            key,
            resource,
            ObjectKeys.Labels(metadata),
            Aliases: [],
            Addresses(spec),
            // A null list entry (`ports: [null]`) is no port: the API server would refuse it, and there is nothing to serve.
            (spec.Ports ?? []).OfType<V1ServicePort>().Select(Port).ToList(),
            [$"{key.Name}.{key.Namespace}.svc.{context.Settings.ClusterDomain}"]);
    }

    private static List<string> Addresses(V1ServiceSpec spec)
    {
        var clusterIps = (spec.ClusterIPs ?? []).Where(IsAddress).ToList();
        return clusterIps.Count > 0 ? clusterIps
            : IsAddress(spec.ClusterIP) ? [spec.ClusterIP]
            : [];
    }

    private static bool IsAddress(string? clusterIp) => !string.IsNullOrEmpty(clusterIp) && clusterIp != Headless;

    private static ServicePort Port(V1ServicePort port)
        => new(port.Name ?? string.Empty, port.Port, TargetPort(port.TargetPort), Protocol(port));

    private static string Protocol(V1ServicePort port)
        => !string.IsNullOrEmpty(port.AppProtocol) ? port.AppProtocol
            : !string.IsNullOrEmpty(port.Name) ? port.Name
            // The API server defaults an unset protocol to TCP; a manifest read from disk has not been through it.
            : port.Protocol ?? "TCP";

    /// <summary>Go's <c>IntOrString.IntValue()</c>: a number, or a numeric string; a named port (or none) gives 0.</summary>
    private static int TargetPort(IntOrString? targetPort)
        => int.TryParse(targetPort?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
