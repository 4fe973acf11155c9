using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// A Pod or WorkloadEntry as a waypoint sees it (docs/spec/istio-waypoint-output.md §3, EDS for inbound-vip): its address, labels,
/// whether it speaks HBONE, and the <c>istio.workload</c> metadata of its endpoints.
/// </summary>
/// <param name="Kind">Pod or WorkloadEntry.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Address">Its IP.</param>
/// <param name="Labels">Its labels (a WorkloadEntry's <c>spec.labels</c> over its metadata labels).</param>
/// <param name="Hbone">Whether istiod tunnels to it: ambient-enrolled, labelled <c>networking.istio.io/tunnel: http</c>, or a waypoint's pod.</param>
/// <param name="WorkloadName">The workload it belongs to: a Pod's Deployment (from its ReplicaSet) or other owner, else its own name.</param>
/// <param name="IstioMtls">
/// Whether it speaks Istio mTLS: labelled <c>security.istio.io/tlsMode: istio</c>, or a WorkloadEntry without that label
/// that names a service account (docs/spec/istio-gatewayapi.md §4.1).
/// </param>
internal sealed record IstioWorkload(string Kind, string Namespace, string Name, string Address, IReadOnlyDictionary<string, string> Labels, bool Hbone, string WorkloadName, bool IstioMtls)
{
    /// <summary>The label (on a Pod or its Namespace) that enrols workloads in ambient.</summary>
    public const string DataplaneModeLabel = "istio.io/dataplane-mode";

    /// <summary>The label that marks a workload as HBONE-capable.</summary>
    public const string TunnelLabel = "networking.istio.io/tunnel";

    /// <summary>The label istiod puts on the pods of the gateways it deploys; a waypoint's says <see cref="MeshControllerManaged"/>.</summary>
    public const string ManagedLabel = "gateway.istio.io/managed";

    /// <summary>The <see cref="ManagedLabel"/> value of a waypoint's pods.</summary>
    public const string MeshControllerManaged = "istio.io-mesh-controller";

    /// <summary>
    /// <c>&lt;name&gt;;&lt;ns&gt;;&lt;canonical service&gt;;&lt;revision&gt;;&lt;cluster&gt;</c>: the canonical service is
    /// <c>service.istio.io/canonical-name</c>, <c>app.kubernetes.io/name</c>, <c>app</c>, else the workload name; the revision
    /// <c>service.istio.io/canonical-revision</c>, <c>app.kubernetes.io/version</c>, <c>version</c>, else <c>latest</c>.
    /// </summary>
    public string IstioMetadata
        => $"{WorkloadName};{Namespace};{First("service.istio.io/canonical-name", "app.kubernetes.io/name", "app") ?? WorkloadName};{First("service.istio.io/canonical-revision", "app.kubernetes.io/version", "version") ?? "latest"};Kubernetes";

    /// <summary>Whether every label of <paramref name="selector"/> is on the workload.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> selector) => LabelSelector.Matches(selector, Labels);

    /// <summary>A Pod with an IP.</summary>
    public static IstioWorkload? Of(V1Pod pod, V1Namespace? ns)
    {
        if (pod.Status?.PodIP is not { Length: > 0 } ip)
        {
            return null;
        }

        var labels = pod.Metadata?.Labels is { } written ? new Dictionary<string, string>(written) : [];
        // A Pod's TLS mode is its label's alone: a Pod's service account does not turn Istio mTLS on.
        var mtls = Backends.IstioMtls.SpeaksIstioMtls(labels, serviceAccount: null);
        return new IstioWorkload("Pod", pod.Metadata?.NamespaceProperty ?? string.Empty, pod.Metadata?.Name ?? string.Empty, ip, labels, IsHbone(labels, ns), WorkloadOf(pod), mtls);
    }

    /// <summary>A WorkloadEntry with an address.</summary>
    public static IstioWorkload? Of(WorkloadEntry entry, V1Namespace? ns)
    {
        if (entry.Spec.Address is not { Length: > 0 } address)
        {
            return null;
        }

        var labels = entry.Metadata?.Labels is { } written ? new Dictionary<string, string>(written) : [];
        foreach (var (key, value) in entry.Spec.Labels ?? [])
        {
            labels[key] = value;
        }

        var name = entry.Metadata?.Name ?? string.Empty;
        return new IstioWorkload("WorkloadEntry", entry.Metadata?.NamespaceProperty ?? string.Empty, name, address, labels, IsHbone(labels, ns), name, Backends.IstioMtls.SpeaksIstioMtls(labels, entry.Spec.ServiceAccount));
    }

    private string? First(params string[] keys)
        => keys.Select(k => Labels.TryGetValue(k, out var value) && value.Length > 0 ? value : null).FirstOrDefault(static v => v is not null);

    /// <summary>Whether <paramref name="labels"/> carry the tunnel label that says the endpoint takes HBONE.</summary>
    public static bool Tunnels(IReadOnlyDictionary<string, string>? labels)
        => labels is not null && labels.TryGetValue(TunnelLabel, out var tunnel) && tunnel == "http";

    // HBONE-capable (output spec §3): the tunnel label, a waypoint's own pod, or ambient enrolment (the workload's
    // dataplane-mode label, else its namespace's).
    private static bool IsHbone(IReadOnlyDictionary<string, string> labels, V1Namespace? ns)
    {
        if (Tunnels(labels) || (labels.TryGetValue(ManagedLabel, out var managed) && managed == MeshControllerManaged))
        {
            return true;
        }

        if (labels.TryGetValue(DataplaneModeLabel, out var own))
        {
            return own == "ambient";
        }

        return ns?.Metadata?.Labels is { } nsLabels && nsLabels.TryGetValue(DataplaneModeLabel, out var mode) && mode == "ambient";
    }

    /// <summary>A Pod's workload: the Deployment behind its ReplicaSet (the name without the last dash part), another owner, or itself.</summary>
    private static string WorkloadOf(V1Pod pod)
    {
        if (pod.Metadata?.OwnerReferences?.FirstOrDefault() is not { } owner)
        {
            return pod.Metadata?.Name ?? string.Empty;
        }

        var dash = owner.Name.LastIndexOf('-');
        return owner.Kind == "ReplicaSet" && dash > 0 ? owner.Name[..dash] : owner.Name;
    }
}
