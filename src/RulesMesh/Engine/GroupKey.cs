using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>A group of items the engine keeps by a key (services naming a waypoint, backends of a host, …), read as one dependency.</summary>
/// <remarks>
/// Each kind of key has a field of its own rather than one <see cref="object"/>: a key kept as an object is boxed, and a
/// large mesh makes a group key for almost every read and every filing (~250,000 boxes in a run of the 10k mesh).
/// </remarks>
/// <param name="Group">Which grouping.</param>
/// <param name="Service">The service or alias it is keyed by, if any.</param>
/// <param name="Waypoint">The waypoint it is keyed by, if any.</param>
/// <param name="Host">The host it is keyed by, if any.</param>
internal readonly record struct GroupKey(string Group, ObjectKey Service, NamespacedName Waypoint, string? Host)
{
    /// <summary>The whole collection of <paramref name="group"/>.</summary>
    public static GroupKey Whole(string group) => new(group, default, default, null);

    /// <summary>The members of <paramref name="group"/> filed under a service or alias.</summary>
    public static GroupKey Of(string group, ObjectKey service) => new(group, service, default, null);

    /// <summary>The members of <paramref name="group"/> filed under a waypoint.</summary>
    public static GroupKey Of(string group, NamespacedName waypoint) => new(group, default, waypoint, null);

    /// <summary>The members of <paramref name="group"/> filed under a host.</summary>
    public static GroupKey Of(string group, string host) => new(group, default, default, host);
}
