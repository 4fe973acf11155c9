using System.Text.Json;
using k8s;
using k8s.Models;

namespace RulesMesh.Modeling;

/// <summary>
/// Describes one typed model for an apiVersion/kind: generated for every served CRD version,
/// and written by hand for the core Kubernetes kinds that KubernetesClient already models.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version within the group, e.g. <c>v1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>ServiceEntry</c>.</param>
/// <param name="Plural">The plural resource name, e.g. <c>serviceentries</c>.</param>
/// <param name="Namespaced">Whether objects of this kind live in a namespace.</param>
/// <param name="Storage">Whether this is the CRD's storage version.</param>
/// <param name="ClrType">The model type.</param>
/// <param name="Deserialize">Reads one object of this kind; a direct generic call, no type lookup at run time.</param>
/// <param name="SchemaJson">The version's <c>openAPIV3Schema</c> as JSON, for validation; null for core kinds.</param>
public sealed record ModelDescriptor(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    bool Storage,
    Type ClrType,
    Func<JsonElement, JsonSerializerOptions, IKubernetesObject<V1ObjectMeta>?> Deserialize,
    string? SchemaJson)
{
    /// <summary>The <c>apiVersion</c> string as written in manifests: <c>group/version</c>, or just <c>version</c> for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;
}
