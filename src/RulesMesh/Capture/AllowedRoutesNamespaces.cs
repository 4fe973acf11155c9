using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.Store;

namespace RulesMesh.Capture;

/// <summary>Whether a listener's <c>allowedRoutes.namespaces</c> admits a namespace: <c>Same</c> (the default), <c>All</c> or <c>Selector</c>.</summary>
internal static class AllowedRoutesNamespaces
{
    /// <summary>The label the API server puts on every Namespace, so selectors may use it even when the Namespace was not given.</summary>
    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>Null when <paramref name="listener"/> (null: the Gateway has none, which means <c>Same</c>) admits <paramref name="ns"/>; otherwise why not.</summary>
    public static string? Denial(Gateway gateway, GatewayListener? listener, string ns, RuleContext context)
    {
        var rule = listener?.AllowedRoutes?.Namespaces;
        var from = rule?.From ?? GatewayListenerAllowedRoutesNamespacesFrom.Same;
        var where = listener is null ? "no listener is bound (none on the inbound-binding port, no HBONE on 15008), which means from: Same" : $"listener {listener.Name} allows from: {from}";
        if (from == GatewayListenerAllowedRoutesNamespacesFrom.All
            || (from == GatewayListenerAllowedRoutesNamespacesFrom.Same && ns == (gateway.Metadata.NamespaceProperty ?? ResourceStore.DefaultNamespace)))
        {
            return null;
        }

        if (from == GatewayListenerAllowedRoutesNamespacesFrom.Selector)
        {
            var labels = new Dictionary<string, string>(context.NamespaceLabels(ns)) { [NamespaceNameLabel] = ns };
            return rule?.Selector is { } selector && NamespaceSelectorMatch.Matches(selector, labels)
                ? null
                : $"{where}, and namespace {ns}'s labels do not match its selector";
        }

        return $"{where}, which does not admit namespace {ns}";
    }
}
