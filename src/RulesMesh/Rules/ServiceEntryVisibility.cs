namespace RulesMesh.Rules;

/// <summary>The values of Istio's mesh setting <c>serviceEntryVisibility</c> (docs/spec/istio-gatewayapi.md §6.3).</summary>
public enum ServiceEntryVisibility
{
    /// <summary>ServiceEntries are visible to every namespace: any admitted waypoint may own them.</summary>
    Public,

    /// <summary>ServiceEntries stay in their namespace: a waypoint in another namespace is refused.</summary>
    Namespace,

    /// <summary>ServiceEntries are dropped from the ambient index: no waypoint owns them.</summary>
    None,
}
