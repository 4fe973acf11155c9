using k8s.Models;
using RulesMesh.Modeling;

namespace RulesMesh.Loading.Readers;

/// <summary>
/// Generated readers for the core kinds KubernetesClient models (<see cref="CoreKubernetesModels"/>) and every type
/// they reach: what System.Text.Json's reflection deserializer reads, without reflection.
/// </summary>
[GenerateModelReaders(typeof(V1Namespace), typeof(V1Service), typeof(V1Pod), typeof(V1Node), typeof(V1EndpointSlice), typeof(V1ConfigMap), typeof(V1Secret))]
internal static partial class CoreModelReaders;
