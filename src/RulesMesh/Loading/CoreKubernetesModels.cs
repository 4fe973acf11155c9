using k8s.Models;
using RulesMesh.Loading.Readers;
using RulesMesh.Modeling;

namespace RulesMesh.Loading;

/// <summary>The built-in Kubernetes kinds RulesMesh reads, modelled by KubernetesClient rather than generated.</summary>
public static class CoreKubernetesModels
{
    /// <summary>Namespace, Service, Pod, Node, EndpointSlice and ConfigMap.</summary>
    public static IReadOnlyList<ModelDescriptor> All { get; } =
    [
        new("", "v1", V1Namespace.KubeKind, "namespaces", Namespaced: false, Storage: true, typeof(V1Namespace),
            static (json, options, strings) => ModelReading.Read(json, options, strings, CoreModelReaders.ReadV1Namespace), SchemaJson: null),
        new("", "v1", V1Service.KubeKind, "services", Namespaced: true, Storage: true, typeof(V1Service),
            static (json, options, strings) => ModelReading.Read(json, options, strings, CoreModelReaders.ReadV1Service), SchemaJson: null),
        new("", "v1", V1Pod.KubeKind, "pods", Namespaced: true, Storage: true, typeof(V1Pod),
            static (json, options, strings) => ModelReading.Read(json, options, strings, CoreModelReaders.ReadV1Pod), SchemaJson: null),
        new("", "v1", V1Node.KubeKind, "nodes", Namespaced: false, Storage: true, typeof(V1Node),
            static (json, options, strings) => ModelReading.Read(json, options, strings, CoreModelReaders.ReadV1Node), SchemaJson: null),
        new(V1EndpointSlice.KubeGroup, "v1", V1EndpointSlice.KubeKind, "endpointslices", Namespaced: true, Storage: true, typeof(V1EndpointSlice),
            static (json, options, strings) => ModelReading.Read(json, options, strings, CoreModelReaders.ReadV1EndpointSlice), SchemaJson: null),
        new("", "v1", V1ConfigMap.KubeKind, "configmaps", Namespaced: true, Storage: true, typeof(V1ConfigMap),
            static (json, options, strings) => ModelReading.Read(json, options, strings, CoreModelReaders.ReadV1ConfigMap), SchemaJson: null),
    ];
}
