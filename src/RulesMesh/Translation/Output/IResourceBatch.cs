using Google.Protobuf;

namespace RulesMesh.Translation.Output;

/// <summary>
/// A run of consecutive resources of one of <see cref="XdsDocument"/>'s lists, written on a worker thread into a buffer
/// of its own exactly as the document's writer would write them there, so that the document's writer copies the bytes
/// as they are (<see cref="ResourceBatches{TBatch}"/>).
/// </summary>
/// <remarks>Reused batch after batch; one thread at a time.</remarks>
internal interface IResourceBatch
{
    /// <summary>How many resources the last <see cref="Write{T}"/> wrote.</summary>
    int Count { get; }

    /// <summary>The resources' text.</summary>
    ReadOnlySpan<byte> Written { get; }

    /// <summary>Writes <paramref name="count"/> of <paramref name="messages"/> from <paramref name="start"/>, replacing what the batch held.</summary>
    void Write<T>(IReadOnlyList<T> messages, int start, int count)
        where T : IMessage;
}
