namespace RulesMesh.Engine;

/// <summary>
/// One object's status as the engine would write it back, with a content hash as version: the hash of its JSON form,
/// taken on first use (a batch run that only prints its statuses never pays for it; a watching engine compares versions).
/// </summary>
public sealed class VersionedStatus : IEquatable<VersionedStatus>
{
    private string? _version;

    /// <summary>A status with the version it is known by.</summary>
    /// <param name="kind">The kind of the object (Gateway, HTTPRoute, GRPCRoute, BackendConfigPolicy, Service, ServiceEntry).</param>
    /// <param name="key">The object's <c>ns/name</c>.</param>
    /// <param name="status">The status (the kind's generated status type).</param>
    /// <param name="version">Its version.</param>
    public VersionedStatus(string kind, string key, object status, string version)
        : this(kind, key, status)
        => _version = version;

    /// <summary>A status versioned by the hash of its JSON form when the version is first asked for.</summary>
    internal VersionedStatus(string kind, string key, object status)
    {
        Kind = kind;
        Key = key;
        Status = status;
    }

    /// <summary>The kind of the object.</summary>
    public string Kind { get; }

    /// <summary>The object's <c>ns/name</c>.</summary>
    public string Key { get; }

    /// <summary>
    /// The status (the kind's generated status type). Not to be changed: its version is taken from it when first asked
    /// for, so a status changed before that would be versioned as changed (the engine never changes one it has filed).
    /// </summary>
    public object Status { get; }

    /// <summary>The version: given, or the hash of the status's JSON form (16 hex digits).</summary>
    /// <remarks>Two threads asking at once may both hash; they get the same string, and either one is kept.</remarks>
    public string Version => _version ??= StatusVersion.Of(Status);

    /// <summary>Whether the version has been given or taken yet (tests: a batch run never takes one).</summary>
    internal bool IsVersioned => _version is not null;

    /// <summary>Whether <paramref name="other"/> is the same object's status with the same version.</summary>
    public bool Equals(VersionedStatus? other) => other is not null && Kind == other.Kind && Key == other.Key && Version == other.Version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VersionedStatus);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Key, Version);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Key}@{Version}";
}
