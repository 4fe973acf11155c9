using System.Buffers;
using System.IO.Hashing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Engine;

/// <summary>
/// One xDS resource with its version: the XxHash3 of its protobuf bytes in hex, so equal content always has the same
/// version, whichever run or step produced it. The hash is taken on first use (a batch run that only prints never pays for it).
/// </summary>
public sealed class VersionedResource : IEquatable<VersionedResource>
{
    private string? _version;
    private Any? _packed;

    private VersionedResource(string name, IMessage resource)
    {
        Name = name;
        Resource = resource;
    }

    /// <summary>The resource's name (a load assignment's cluster name).</summary>
    public string Name { get; }

    /// <summary>The resource; never changed once versioned.</summary>
    public IMessage Resource { get; }

    /// <summary>The content hash, 16 hex digits.</summary>
    public string Version => _version ??= HashOf(Resource);

    /// <summary>
    /// The resource packed as xDS responses carry it, serialised on first use and then shared: a control plane sends the
    /// same resource to many proxies, and packing it per response would serialise it once per proxy.
    /// </summary>
    public Any Packed => _packed ??= Any.Pack(Resource);

    /// <summary>Versions <paramref name="resource"/> by its content.</summary>
    public static VersionedResource Of(string name, IMessage resource) => new(name, resource);

    /// <summary>Whether <paramref name="other"/> has the same name and version.</summary>
    public bool Equals(VersionedResource? other) => other is not null && Name == other.Name && Version == other.Version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VersionedResource);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Version);

    /// <inheritdoc />
    public override string ToString() => $"{Name}@{Version}";

    private static string HashOf(IMessage resource)
    {
        var size = resource.CalculateSize();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            resource.WriteTo(buffer.AsSpan(0, size));
            return XxHash3.HashToUInt64(buffer.AsSpan(0, size)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
