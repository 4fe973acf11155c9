using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Gateways;

/// <summary>A route attached to one served listener of an ordinary Gateway.</summary>
/// <param name="Listener">The listener.</param>
/// <param name="Route">The route and the parentRef that attached it.</param>
/// <param name="Hostnames">
/// The hostnames it serves there: the route's hostnames intersected with the listener's, or the listener's hostname
/// when the route has none; empty when neither has one (every host, <c>*</c>).
/// </param>
public sealed record ListenerRoute(ServedListener Listener, AttachedRoute Route, IReadOnlyList<string> Hostnames);
