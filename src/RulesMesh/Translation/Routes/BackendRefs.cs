using System.Globalization;
using RulesMesh.Mesh;
using RulesMesh.Translation.Backends;
using ReferenceGrant = RulesMesh.Models.GatewayNetworkingK8sIo.V1beta1.ReferenceGrant;

namespace RulesMesh.Translation.Routes;

/// <summary>What the backendRef resolvers share: the ref's defaults, ReferenceGrant checks, the candidate tie-break.</summary>
public static class BackendRefs
{
    /// <summary>Gateway API's ResolvedRefs reason: the referenced backend does not exist.</summary>
    public const string BackendNotFound = "BackendNotFound";

    /// <summary>Gateway API's ResolvedRefs reason: a cross-namespace reference no ReferenceGrant allows.</summary>
    public const string RefNotPermitted = "RefNotPermitted";

    /// <summary>Gateway API's ResolvedRefs reason: a kind of backend the implementation does not support.</summary>
    public const string InvalidKind = "InvalidKind";

    /// <summary>The Istio API group of ServiceEntry and of the Hostname pseudo kind.</summary>
    public const string IstioGroup = "networking.istio.io";

    /// <summary>The kind of a ServiceEntry.</summary>
    public const string ServiceEntryKind = "ServiceEntry";

    /// <summary>The kind of a Kubernetes Service, and the default kind of a backendRef.</summary>
    public const string ServiceKind = "Service";

    /// <summary>The Multi-Cluster Services API group of <see cref="ServiceImportKind"/>.</summary>
    public const string MultiClusterGroup = "multicluster.x-k8s.io";

    /// <summary>The kind of an MCS ServiceImport, which Istio takes as the Service of the same name.</summary>
    public const string ServiceImportKind = "ServiceImport";

    /// <summary>The Gateway API group, of the routes a ReferenceGrant allows references from.</summary>
    public const string GatewayGroup = "gateway.networking.k8s.io";

    /// <summary>The ref's group, with unset and <c>core</c> both meaning the core group "".</summary>
    public static string Group(BackendRefRequest request) => NormalizeGroup(request.Group);

    /// <summary>The ref's kind, <c>Service</c> when unset.</summary>
    public static string Kind(BackendRefRequest request) => string.IsNullOrEmpty(request.Kind) ? ServiceKind : request.Kind;

    /// <summary>Whether the ref is to a Kubernetes Service.</summary>
    public static bool IsService(BackendRefRequest request) => Group(request).Length == 0 && Kind(request) == ServiceKind;

    /// <summary>Whether the ref names an MCS ServiceImport (<c>multicluster.x-k8s.io</c>).</summary>
    public static bool IsServiceImport(BackendRefRequest request) => Group(request) == MultiClusterGroup && Kind(request) == ServiceImportKind;

    /// <summary>Whether the ref is to a ServiceEntry.</summary>
    public static bool IsServiceEntry(BackendRefRequest request) => Group(request) == IstioGroup && Kind(request) == ServiceEntryKind;

    /// <summary>Whether the ref is to a <c>networking.istio.io/Hostname</c>.</summary>
    public static bool IsHostname(BackendRefRequest request) => Group(request) == IstioGroup && Kind(request) == ServiceEntryBackends.HostnameKind;

    /// <summary>The group as Gateway API means it: "" for unset and for <c>core</c>.</summary>
    public static string NormalizeGroup(string? group) => string.IsNullOrEmpty(group) || group == "core" ? string.Empty : group;

    /// <summary>
    /// Whether a ReferenceGrant (v1 or v1beta1, both read as the storage version v1beta1) in <paramref name="targetNamespace"/> lets <paramref name="route"/> refer to
    /// <paramref name="targetName"/> of <paramref name="targetGroup"/>/<paramref name="targetKind"/>. Same-namespace refs need none.
    /// </summary>
    public static bool Permitted(TranslationContext context, ObjectKey route, string targetGroup, string targetKind, string targetNamespace, string targetName)
    {
        if (targetNamespace == route.Namespace)
        {
            return true;
        }

        var fromGroup = string.IsNullOrEmpty(route.Group) ? GatewayGroup : route.Group;
        bool From(string group, string kind, string ns) => NormalizeGroup(group) == fromGroup && kind == route.Kind && ns == route.Namespace;
        bool To(string group, string kind, string? name) => NormalizeGroup(group) == targetGroup && kind == targetKind && (string.IsNullOrEmpty(name) || name == targetName);

        return context.Store.InNamespace<ReferenceGrant>(targetNamespace).Any(g => g.Spec.From.Any(f => From(f.Group, f.Kind, f.Namespace)) && g.Spec.To.Any(t => To(t.Group, t.Kind, t.Name)));
    }

    /// <summary>The RefNotPermitted failure for a ref to <paramref name="target"/> from <paramref name="route"/>.</summary>
    public static BackendResolution NotPermitted(ObjectKey route, string target, string targetNamespace)
        => BackendResolution.Failed(RefNotPermitted, $"backendRef to {target} in namespace {targetNamespace} is not permitted: no ReferenceGrant in {targetNamespace} allows references from {route.Kind} in namespace {route.Namespace}");

    /// <summary>
    /// kgateway's tie-break (docs/spec/kgateway-waypoint.md §3.6): the oldest <c>creationTimestamp</c> wins (an object without one counts as oldest,
    /// like Go's zero time), then the smallest resource name, which for the hosts of one ServiceEntry is the smallest host.
    /// </summary>
    public static BackendObject? Oldest(IEnumerable<BackendObject> candidates)
        => candidates
            .OrderBy(static b => b.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(static b => b.ResourceName, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The ref's port as text for messages.</summary>
    public static string PortText(int port) => port.ToString(CultureInfo.InvariantCulture);
}
