using System.Text.Json;
using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Writes lists of Envoy resources into <see cref="XdsDocument"/>'s JSON: each message's proto3 JSON
/// (<see cref="ProtoJsonWriter"/>), the bytes <see cref="EnvoyJson.Format"/>'s text would give.
/// </summary>
/// <remarks>
/// Formatting is most of the writing, so it runs on worker threads: consecutive resources are written in batches
/// (<see cref="ResourceJsonBatch"/>) while this thread copies finished batches into the document in order. At most a
/// few batches of about <see cref="BatchBytes"/> each are in flight, so memory does not grow with the document.
/// </remarks>
internal sealed class ResourceJsonWriter(Utf8JsonWriter writer)
{
    // Flushing the JSON writer at this many pending bytes keeps its buffer small without a write per token.
    private const int FlushThreshold = 64 * 1024;

    // What a batch aims at, sized from the resources already written: large enough that handing a batch to a worker
    // costs little next to formatting it, small enough that the batches in flight hold little memory.
    private const int BatchBytes = 128 * 1024;
    private const int MaxBatchCount = 256;

    private readonly int _batchesInFlight = 2 * Environment.ProcessorCount;
    private readonly Stack<ResourceJsonBatch> _idle = [];

    /// <summary>Writes the property <paramref name="key"/> holding an array of <paramref name="messages"/>.</summary>
    public void Write<T>(string key, IReadOnlyList<T> messages)
        where T : IMessage
    {
        writer.WriteStartArray(key);
        var inFlight = new Queue<(ResourceJsonBatch Batch, Task Written)>();
        var next = 0;
        var batchCount = 1;
        var bytesPerResource = 1;
        try
        {
            while (next < messages.Count || inFlight.Count > 0)
            {
                if (next < messages.Count && inFlight.Count < _batchesInFlight)
                {
                    var batch = _idle.Count > 0 ? _idle.Pop() : new ResourceJsonBatch();
                    var start = next;
                    var count = Math.Min(batchCount, messages.Count - next);
                    inFlight.Enqueue((batch, Task.Run(() => batch.Write(messages, start, count, writer.Options))));
                    next += count;
                    continue;
                }

                var (done, written) = inFlight.Dequeue();
                written.GetAwaiter().GetResult();
                var bytes = done.Written;
                writer.WriteRawValue(bytes, skipInputValidation: true);

                // Sized by the largest resources met so far, not the mean, so a run of large ones after many small
                // ones cannot put hundreds of them in each batch in flight.
                bytesPerResource = Math.Max(bytesPerResource, bytes.Length / Math.Max(done.Count, 1));
                batchCount = Math.Clamp(BatchBytes / bytesPerResource, 1, MaxBatchCount);
                _idle.Push(done);
                if (writer.BytesPending > FlushThreshold)
                {
                    writer.Flush();
                }
            }
        }
        finally
        {
            // After a failure, the batches still being formatted finish before the caller goes on (their own errors are
            // the same as the one rethrown above).
            foreach (var (_, pending) in inFlight)
            {
                ((IAsyncResult)pending).AsyncWaitHandle.WaitOne();
            }
        }

        writer.WriteEndArray();
    }
}
