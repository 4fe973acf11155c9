namespace RulesMesh.Engine;

/// <summary>A group of items the engine keeps by a key (services naming a waypoint, backends of a host, …), read as one dependency.</summary>
/// <param name="Group">Which grouping.</param>
/// <param name="Key">The key within it; null for the whole collection.</param>
internal readonly record struct GroupKey(string Group, object? Key);
