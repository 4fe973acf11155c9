using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>How one parentRef of one route fared: accepted (or why not), and whether every backendRef resolved.</summary>
/// <param name="Route">The route's kind, namespace and name.</param>
/// <param name="Parent">The parentRef, as written.</param>
/// <param name="UnresolvedReason">Null when all refs resolved; else the ResolvedRefs=False reason (e.g. BackendNotFound, RefNotPermitted).</param>
/// <param name="UnresolvedMessage">The message that goes with <paramref name="UnresolvedReason"/>.</param>
public sealed record RouteParentStatus(ObjectKey Route, ParentReference Parent, string? UnresolvedReason, string? UnresolvedMessage)
{
    /// <summary>Null when the parent accepted the route; else the Accepted=False reason (e.g. NotAllowedByListeners, NoMatchingParent).</summary>
    public string? RejectedReason { get; init; }

    /// <summary>The message that goes with <see cref="RejectedReason"/>.</summary>
    public string? RejectedMessage { get; init; }

    /// <summary>Null when every rule was translated whole; else the first part that was dropped as invalid (PartiallyInvalid=True).</summary>
    public string? InvalidMessage { get; init; }

    /// <summary>The route's generation the conditions describe (their <c>observedGeneration</c>); null when it has none.</summary>
    public long? ObservedGeneration { get; init; }
}
