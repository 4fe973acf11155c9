using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>A group of items the engine keeps by a key (services naming a waypoint, backends of a host, …), read as one dependency.</summary>
/// <remarks>
/// Each kind of key has a field of its own rather than one <see cref="object"/>: a key kept as an object is boxed, and a
/// large mesh makes a group key for almost every read and every filing (~250,000 boxes counted in a run of the 10k mesh).
/// A grouping is either whole or keyed by one kind of key, never both: <see cref="Whole"/> and a key whose fields are all
/// null would be the same group.
/// </remarks>
internal readonly record struct GroupKey
{
    private GroupKey(string group, ObjectKey service, NamespacedName waypoint, string? host)
    {
        Group = group;
        Service = service;
        Waypoint = waypoint;
        Host = host;
    }

    /// <summary>Which grouping.</summary>
    public string Group { get; }

    /// <summary>The service or alias it is keyed by, if any.</summary>
    public ObjectKey Service { get; }

    /// <summary>The waypoint it is keyed by, if any.</summary>
    public NamespacedName Waypoint { get; }

    /// <summary>The host it is keyed by, if any.</summary>
    public string? Host { get; }

    /// <summary>The whole collection of <paramref name="group"/>.</summary>
    public static GroupKey Whole(string group) => new(group, default, default, null);

    /// <summary>The members of <paramref name="group"/> filed under a service or alias.</summary>
    public static GroupKey Of(string group, ObjectKey service) => new(group, service, default, null);

    /// <summary>The members of <paramref name="group"/> filed under a waypoint.</summary>
    public static GroupKey Of(string group, NamespacedName waypoint) => new(group, default, waypoint, null);

    /// <summary>The members of <paramref name="group"/> filed under a host.</summary>
    public static GroupKey Of(string group, string host) => new(group, default, default, host);
}
