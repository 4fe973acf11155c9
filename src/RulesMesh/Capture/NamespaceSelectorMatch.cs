using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Capture;

/// <summary>Kubernetes label-selector semantics for a listener's <c>allowedRoutes.namespaces.selector</c>.</summary>
internal static class NamespaceSelectorMatch
{
    /// <summary>Whether <paramref name="labels"/> satisfy <paramref name="selector"/>; an empty selector matches every namespace.</summary>
    public static bool Matches(GatewayNamespacesSelector selector, IReadOnlyDictionary<string, string> labels)
        => (selector.MatchLabels ?? []).All(required => labels.TryGetValue(required.Key, out var value) && value == required.Value)
            && (selector.MatchExpressions ?? []).All(expression => Matches(expression, labels));

    private static bool Matches(GatewayNamespacesSelectorMatchExpression expression, IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(expression.Key, out var value);
        var values = expression.Values ?? [];
        return expression.Operator switch
        {
            "In" => has && values.Contains(value!),
            "NotIn" => !has || !values.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => false,
        };
    }
}
