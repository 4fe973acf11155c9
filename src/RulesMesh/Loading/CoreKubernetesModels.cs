using k8s;
using k8s.Models;
using RulesMesh.Loading.Readers;
using RulesMesh.Modeling;

namespace RulesMesh.Loading;

/// <summary>The built-in Kubernetes kinds RulesMesh reads, modelled by KubernetesClient rather than generated.</summary>
public static class CoreKubernetesModels
{
    /// <summary>Namespace, Service, Pod, Node, EndpointSlice, ConfigMap and Secret (the certificates a BackendConfigPolicy names).</summary>
    public static IReadOnlyList<ModelDescriptor> All { get; } =
    [
        Core("", V1Namespace.KubeKind, "namespaces", namespaced: false, CoreModelReaders.ReadV1Namespace),
        Core("", V1Service.KubeKind, "services", namespaced: true, CoreModelReaders.ReadV1Service),
        Core("", V1Pod.KubeKind, "pods", namespaced: true, CoreModelReaders.ReadV1Pod),
        Core("", V1Node.KubeKind, "nodes", namespaced: false, CoreModelReaders.ReadV1Node),
        Core(V1EndpointSlice.KubeGroup, V1EndpointSlice.KubeKind, "endpointslices", namespaced: true, CoreModelReaders.ReadV1EndpointSlice),
        Core("", V1ConfigMap.KubeKind, "configmaps", namespaced: true, CoreModelReaders.ReadV1ConfigMap),
        Core("", V1Secret.KubeKind, "secrets", namespaced: true, CoreModelReaders.ReadV1Secret),
    ];

    // A core kind has no schema and its generated reader reads a parsed element and UTF-8 JSON alike.
    private static ModelDescriptor Core<T>(string group, string kind, string plural, bool namespaced, ModelRead<T> read)
        where T : class, IKubernetesObject<V1ObjectMeta>
        => new(group, "v1", kind, plural, namespaced, Storage: true, typeof(T), (json, options, strings) => ModelReading.Read(json, options, strings, read), SchemaJson: null)
        {
            DeserializeUtf8 = (json, options, strings) => ModelReading.Read(json, options, strings, read),
        };
}
