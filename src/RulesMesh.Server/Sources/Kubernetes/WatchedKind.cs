using RulesMesh.Loading;
using RulesMesh.Modeling;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// One kind the Kubernetes source lists and watches, at its hub version (the version every served version of the kind
/// reads into), so the objects the API server sends are the types the loader produces from files.
/// </summary>
/// <param name="Model">The hub version's model.</param>
public sealed record WatchedKind(ModelDescriptor Model)
{
    /// <summary>The API group, "" for the core group.</summary>
    public string Group => Model.Group;

    /// <summary>The version listed and watched.</summary>
    public string Version => Model.Version;

    /// <summary>The kind.</summary>
    public string Kind => Model.Kind;

    /// <summary>The plural resource name, as RBAC rules and REST paths name it.</summary>
    public string Plural => Model.Plural;

    /// <summary>
    /// The <c>fieldSelector</c> of the kind's lists and watches, empty for none. Secrets leave out Helm's release records
    /// and service-account tokens, as istiod's secret watch does: no rule reads them, and a cluster's Helm releases alone
    /// can be thousands of Secrets of up to a megabyte each.
    /// </summary>
    public string FieldSelector => Group.Length == 0 && Kind == "Secret" ? "type!=helm.sh/release.v1,type!=kubernetes.io/service-account-token" : string.Empty;

    /// <summary>The collection's path across every namespace: <c>/api/v1/pods</c>, <c>/apis/&lt;group&gt;/&lt;version&gt;/&lt;plural&gt;</c>.</summary>
    public string CollectionPath => $"{GroupVersionPath}/{Plural}";

    /// <summary><c>plural.group</c> (just <c>plural</c> in the core group), as logs and problem origins name it.</summary>
    public string Resource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    private string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>The path of one object: <c>…/namespaces/&lt;ns&gt;/&lt;plural&gt;/&lt;name&gt;</c>, or without the namespace for cluster-scoped kinds.</summary>
    public string ObjectPath(string ns, string name)
        => Model.Namespaced
            ? $"{GroupVersionPath}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}/{Uri.EscapeDataString(name)}"
            : $"{GroupVersionPath}/{Plural}/{Uri.EscapeDataString(name)}";

    /// <summary>
    /// Every kind in <paramref name="models"/>, each once, at its hub version: the engine reads every kind the registry
    /// models (the core kinds, the Istio and Gateway API kinds, and any the application adds). Ordered by group, then kind.
    /// </summary>
    public static IReadOnlyList<WatchedKind> AllIn(ModelRegistry models)
    {
        ArgumentNullException.ThrowIfNull(models);
        return [.. models.Models
            .Where(static model => model.Version == model.HubVersion)
            .GroupBy(static model => (model.Group, model.Kind))
            .Select(static versions => new WatchedKind(versions.OrderByDescending(static model => model.Storage).First()))
            .OrderBy(static kind => kind.Group, StringComparer.Ordinal)
            .ThenBy(static kind => kind.Kind, StringComparer.Ordinal)];
    }
}
