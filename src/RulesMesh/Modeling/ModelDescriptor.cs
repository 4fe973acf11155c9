using System.Text.Json;
using k8s;
using k8s.Models;

namespace RulesMesh.Modeling;

/// <summary>
/// Describes how to read one apiVersion/kind: generated for every served CRD version, and written by hand for
/// the core Kubernetes kinds that KubernetesClient already models. Every served version of a kind reads into one
/// runtime type, the kind's hub version (the CRD's storage version): <see cref="Deserialize"/> reads the document
/// with this version's model and converts it, so the object it returns reports <see cref="HubApiVersion"/>.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">The served API version this descriptor reads, e.g. <c>v1beta1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>ServiceEntry</c>.</param>
/// <param name="Plural">The plural resource name, e.g. <c>serviceentries</c>.</param>
/// <param name="Namespaced">Whether objects of this kind live in a namespace.</param>
/// <param name="Storage">Whether this is the CRD's storage version.</param>
/// <param name="ClrType">The runtime type of every object of this kind: the hub version's model.</param>
/// <param name="Deserialize">
/// Reads one object of this version and returns it as the hub type; direct generic calls, no type lookup at run time.
/// Its short strings are shared through the given pool, one per loading thread.
/// </param>
/// <param name="SchemaJson">This version's own <c>openAPIV3Schema</c> as JSON, for validation before conversion; null for core kinds.</param>
public sealed record ModelDescriptor(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    bool Storage,
    Type ClrType,
    Func<JsonElement, JsonSerializerOptions, StringPool, IKubernetesObject<V1ObjectMeta>?> Deserialize,
    string? SchemaJson)
{
    /// <summary>The version every object of this kind is converted to at load; <see cref="Version"/> itself for the hub.</summary>
    public string HubVersion { get; init; } = Version;

    /// <summary>
    /// Reads one object of this version and returns it as the hub type (see the <c>Deserialize</c> parameter). A reader
    /// given here, by <c>with</c> say, drops <see cref="DeserializeUtf8"/>, which read as the one it replaces.
    /// </summary>
    public Func<JsonElement, JsonSerializerOptions, StringPool, IKubernetesObject<V1ObjectMeta>?> Deserialize
    {
        get;
        init
        {
            field = value;
            DeserializeUtf8 = null;
        }
    } = Deserialize;

    /// <summary>
    /// Reads as <see cref="Deserialize"/> does, from the document's UTF-8 JSON rather than a parsed element: given, the
    /// loader can leave a document of a kind with no schema unparsed. Set only for the built-in core kinds, whose two
    /// readers are one generated reader; null otherwise, and once <see cref="Deserialize"/> is replaced.
    /// </summary>
    internal ModelUtf8Deserialize? DeserializeUtf8 { get; init; }

    /// <summary>The <c>apiVersion</c> string as written in manifests: <c>group/version</c>, or just <c>version</c> for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The <c>apiVersion</c> the loaded objects report: that of <see cref="HubVersion"/>.</summary>
    public string HubApiVersion => Group.Length == 0 ? HubVersion : Group + "/" + HubVersion;
}
