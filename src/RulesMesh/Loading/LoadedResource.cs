using k8s;
using k8s.Models;
using RulesMesh.Modeling;

namespace RulesMesh.Loading;

/// <summary>A manifest read into its typed model.</summary>
/// <param name="Object">
/// The typed object, e.g. a <see cref="V1Service"/> or a generated ServiceEntry, always of its kind's hub version: a
/// <c>networking.istio.io/v1beta1</c> ServiceEntry is read as the v1 type and reports apiVersion <c>networking.istio.io/v1</c>.
/// </param>
/// <param name="Model">The model of the version as written; its <see cref="ModelDescriptor.ApiVersion"/> is the original apiVersion.</param>
/// <param name="Document">The document it came from: file, line, the original JSON and its source map.</param>
public sealed record LoadedResource(IKubernetesObject<V1ObjectMeta> Object, ModelDescriptor Model, ManifestDocument Document)
{
    /// <summary>The apiVersion the document was written with, before conversion to the hub version (for messages and status).</summary>
    public string WrittenApiVersion => Model.ApiVersion;
}
