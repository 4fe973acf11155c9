using System.Text.Json;
using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.ServiceModel;

/// <summary>The ServiceEntry mapping shared by every served version of the kind (their schemas are identical).</summary>
internal static class ServiceEntryServices
{
    /// <summary>The kind of the synthetic alias a ServiceEntry host answers to (kgateway's <c>HostnameGVK</c>).</summary>
    public const string HostnameKind = "Hostname";

    /// <summary>Builds the service for <paramref name="entry"/>, read as v1; <paramref name="source"/> is the object as loaded.</summary>
    public static MeshService From(ServiceEntry entry, IKubernetesObject<V1ObjectMeta> source)
    {
        var key = ObjectKeys.Of(source, ServiceEntry.KubeGroup, ServiceEntry.KubeKind);
        var spec = entry.Spec;
        return new MeshService(
            key,
            source,
            ObjectKeys.Labels(entry.Metadata),
            Aliases(spec),
            Addresses(entry),
            (spec.Ports ?? []).Select(static port => new ServicePort(port.Name, (int)port.Number, (int)(port.TargetPort ?? 0), port.Protocol ?? string.Empty)).ToList(),
            spec.Hosts.ToList());
    }

    /// <summary>
    /// kgateway takes the aliases from the SE's own backend, and resolution NONE or no ports means no backend, so no
    /// aliases. Otherwise every host is a Hostname alias with no namespace; the self alias is left out because
    /// <see cref="MeshService.Keys"/> appends the object's own key anyway.
    /// </summary>
    private static List<ObjectKey> Aliases(ServiceEntrySpec spec)
    {
        var hasBackend = spec.Ports is { Count: > 0 } && (spec.Resolution ?? ServiceEntryResolution.None) != ServiceEntryResolution.None;
        return hasBackend
            ? spec.Hosts.Select(static host => new ObjectKey(ServiceEntry.KubeGroup, HostnameKind, string.Empty, host)).ToList()
            : [];
    }

    /// <summary>
    /// <c>spec.addresses</c>, then the VIPs istiod auto-allocated. Those live in <c>status.addresses[].value</c>, which the
    /// CRD schema does not declare, so they arrive in the status's extension data.
    /// </summary>
    private static List<string> Addresses(ServiceEntry entry)
    {
        var addresses = new List<string>(entry.Spec.Addresses ?? []);
        if (entry.Status?.AdditionalProperties is { } extra
            && extra.TryGetValue("addresses", out var allocated)
            && allocated.ValueKind == JsonValueKind.Array)
        {
            foreach (var address in allocated.EnumerateArray())
            {
                if (address.ValueKind == JsonValueKind.Object
                    && address.TryGetProperty("value", out var value)
                    && value.ValueKind == JsonValueKind.String
                    && value.GetString() is { Length: > 0 } text)
                {
                    addresses.Add(text);
                }
            }
        }

        return addresses;
    }
}
