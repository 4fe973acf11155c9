using System.Collections;
using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// One of an <see cref="XdsSnapshot"/>'s lists of resources, some of which may be kept serialised: an element read is
/// its message (parsed on first use), while the document's writers write a serialised one from its bytes
/// (<see cref="Write"/>), so a run that only prints never parses them back.
/// </summary>
internal sealed class SnapshotResources<T>(IReadOnlyList<ISnapshotResource> resources) : IReadOnlyList<T>
    where T : IMessage
{
    private readonly IReadOnlyList<ISnapshotResource> _resources = resources;

    /// <inheritdoc />
    public T this[int index] => (T)_resources[index].Resource;

    /// <inheritdoc />
    public int Count => _resources.Count;

    /// <summary>Writes the resource at <paramref name="index"/> of <paramref name="messages"/> with <paramref name="json"/>: from its bytes when it is kept serialised.</summary>
    public static void Write(ProtoJsonWriter json, IReadOnlyList<T> messages, int index, IJsonTokenWriter writer)
    {
        if (messages is SnapshotResources<T> snapshot && snapshot._resources[index].Serialized is { } serialized)
        {
            json.Write(serialized, writer);
        }
        else
        {
            json.Write(messages[index], writer);
        }
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        foreach (var resource in _resources)
        {
            yield return (T)resource.Resource;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
