using System.Buffers;
using System.IO.Hashing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Engine;

/// <summary>
/// One xDS resource with its version: the XxHash3 of its protobuf bytes in hex, so equal content always has the same
/// version, whichever run or step produced it. The hash is taken on first use (a batch run that only prints never pays for it).
/// A resource versioned by <see cref="Serialize"/> is kept as its bytes: hashed, packed and written from them, its message
/// parsed again only when asked for.
/// </summary>
public sealed class VersionedResource : IEquatable<VersionedResource>, ISnapshotResource
{
    private readonly SerializedMessage? _serialized;
    private IMessage? _resource;
    private string? _version;
    private Any? _packed;

    private VersionedResource(string name, IMessage? resource, SerializedMessage? serialized)
    {
        Name = name;
        _resource = resource;
        _serialized = serialized;
    }

    /// <summary>The resource's name (a load assignment's cluster name).</summary>
    public string Name { get; }

    /// <summary>
    /// The resource; never changed once versioned. One kept serialised is parsed on first use and the message kept from
    /// then on (the batch writers and xDS responses use the bytes and never ask for it).
    /// </summary>
    public IMessage Resource => _resource ?? ParsedOnce();

    /// <summary>The content hash, 16 hex digits.</summary>
    public string Version => _version ??= _serialized is { } serialized ? HashOf(serialized.Bytes) : HashOf(Resource);

    /// <summary>
    /// The resource packed as xDS responses carry it, serialised on first use and then shared: a control plane sends the
    /// same resource to many proxies, and packing it per response would serialise it once per proxy.
    /// </summary>
    public Any Packed => _packed ??= _serialized?.Pack() ?? Any.Pack(Resource);

    SerializedMessage? ISnapshotResource.Serialized => _serialized;

    /// <summary>Versions <paramref name="resource"/> by its content.</summary>
    public static VersionedResource Of(string name, IMessage resource) => new(name, resource, null);

    /// <summary>Versions <paramref name="resource"/> by its content and keeps it serialised (later changes to the message are not seen).</summary>
    public static VersionedResource Serialize(string name, IMessage resource) => new(name, null, SerializedMessage.Of(resource));

    /// <summary>Whether <paramref name="other"/> has the same name and version.</summary>
    public bool Equals(VersionedResource? other) => other is not null && Name == other.Name && Version == other.Version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VersionedResource);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Version);

    /// <inheritdoc />
    public override string ToString() => $"{Name}@{Version}";

    /// <summary>
    /// Whether <paramref name="other"/> has the same name and content: byte for byte when both are kept serialised (equal
    /// messages serialised differently, such as maps filled in another order, count as changed: at worst an equal
    /// resource is versioned and sent again), else as messages.
    /// </summary>
    internal bool SameContent(VersionedResource other)
        => Name == other.Name && (_serialized is { } mine && other._serialized is { } theirs ? mine.SameAs(theirs) : Resource.Equals(other.Resource));

    // Two threads may both parse; either message serves, and the first one kept is the one every reader gets.
    private IMessage ParsedOnce()
    {
        var parsed = _serialized!.Parse();
        return Interlocked.CompareExchange(ref _resource, parsed, null) ?? parsed;
    }

    private static string HashOf(ReadOnlySpan<byte> bytes) => XxHash3.HashToUInt64(bytes).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static string HashOf(IMessage resource)
    {
        var size = resource.CalculateSize();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            resource.WriteTo(buffer.AsSpan(0, size));
            return HashOf(buffer.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
