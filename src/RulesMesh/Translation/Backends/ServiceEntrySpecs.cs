using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.ServiceModel;

namespace RulesMesh.Translation.Backends;

/// <summary>Reads the ServiceEntry behind a service as <c>networking.istio.io/v1</c>, whichever served version it was loaded as.</summary>
internal static class ServiceEntrySpecs
{
    /// <summary>The annotation that sets a ServiceEntry's traffic distribution (spec §3.2).</summary>
    public const string TrafficDistributionAnnotation = "networking.istio.io/traffic-distribution";

    private static readonly HashSet<string> LocalityPreferences = new(StringComparer.Ordinal) { "PreferClose", "PreferSameZone", "PreferSameNode", "PreferNetwork" };

    // v1beta1 and v1alpha3 objects are converted once per object, not once per backend.
    private static readonly ConditionalWeakTable<IKubernetesObject<V1ObjectMeta>, ServiceEntry> Converted = new();

    /// <summary>Whether <paramref name="key"/> names a ServiceEntry.</summary>
    public static bool IsServiceEntry(ObjectKey key) => key.Group == ServiceEntry.KubeGroup && key.Kind == ServiceEntry.KubeKind;

    /// <summary>The ServiceEntry <paramref name="service"/> came from, as v1; null when it did not come from one.</summary>
    public static ServiceEntry? Read(MeshService service)
    {
        if (!IsServiceEntry(service.Key))
        {
            return null;
        }

        return service.Source switch
        {
            ServiceEntry v1 => v1,
            RulesMesh.Models.NetworkingIstioIo.V1beta1.ServiceEntry or RulesMesh.Models.NetworkingIstioIo.V1alpha3.ServiceEntry
                => Converted.GetValue(service.Source, static source => SameSchemaModel.Convert<ServiceEntry>(source)),
            _ => null,
        };
    }

    /// <summary>The resolution, NONE when unset (the API default).</summary>
    public static ServiceEntryResolution Resolution(ServiceEntry entry) => entry.Spec.Resolution ?? ServiceEntryResolution.None;

    /// <summary>kgateway's "EDS SE": resolution STATIC and a workload selector with at least one label.</summary>
    public static bool SelectsWorkloads(ServiceEntry entry)
        => Resolution(entry) == ServiceEntryResolution.Static && entry.Spec.WorkloadSelector?.Labels is { Count: > 0 };

    /// <summary>Whether the traffic-distribution annotation asks for anything but Any, which turns on locality weighting.</summary>
    public static bool PrefersLocality(MeshService service)
        => service.Annotations.TryGetValue(TrafficDistributionAnnotation, out var value) && LocalityPreferences.Contains(value);

    /// <summary>The SE port behind <paramref name="port"/>, matched by number.</summary>
    public static ServiceEntryPorts? Port(ServiceEntry entry, ServicePort port)
        => entry.Spec.Ports?.FirstOrDefault(p => p.Number == port.Port);
}
