using k8s.Models;

namespace RulesMesh.Modeling;

/// <summary>
/// Generated readers for the KubernetesClient types that generated CRD models use (object metadata and conditions),
/// which the models' own generated readers call.
/// </summary>
[GenerateModelReaders(typeof(V1ObjectMeta), typeof(V1Condition))]
public static partial class KubernetesTypeReaders;
