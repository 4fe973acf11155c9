using Google.Protobuf;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Formats a list of resources on worker threads, in batches of consecutive resources (<see cref="IResourceBatch"/>),
/// while the calling thread copies finished batches into the document in order.
/// </summary>
/// <remarks>
/// Formatting is most of the writing, so it is what runs in parallel. At most a few batches of about
/// <see cref="BatchBytes"/> each are in flight, so memory does not grow with the document.
/// </remarks>
internal sealed class ResourceBatches<TBatch>(Func<TBatch> create)
    where TBatch : IResourceBatch
{
    // What a batch aims at, sized from the resources already written: large enough that handing a batch to a worker
    // costs little next to formatting it, small enough that the batches in flight hold little memory.
    private const int BatchBytes = 128 * 1024;
    private const int MaxBatchCount = 256;

    private readonly int _batchesInFlight = 2 * Environment.ProcessorCount;
    private readonly Stack<TBatch> _idle = [];

    /// <summary>Formats <paramref name="messages"/> in batches and hands each, in order, to <paramref name="copy"/>.</summary>
    public void Write<T>(IReadOnlyList<T> messages, Action<TBatch> copy)
        where T : IMessage
    {
        var inFlight = new Queue<(TBatch Batch, Task Written)>();
        var next = 0;
        var batchCount = 1;
        var bytesPerResource = 1;
        try
        {
            while (next < messages.Count || inFlight.Count > 0)
            {
                if (next < messages.Count && inFlight.Count < _batchesInFlight)
                {
                    var batch = _idle.Count > 0 ? _idle.Pop() : create();
                    var start = next;
                    var count = Math.Min(batchCount, messages.Count - next);
                    inFlight.Enqueue((batch, Task.Run(() => batch.Write(messages, start, count))));
                    next += count;
                    continue;
                }

                var (done, written) = inFlight.Dequeue();
                written.GetAwaiter().GetResult();
                copy(done);

                // Sized by the largest resources met so far, not the mean, so a run of large ones after many small
                // ones cannot put hundreds of them in each batch in flight.
                bytesPerResource = Math.Max(bytesPerResource, done.Written.Length / Math.Max(done.Count, 1));
                batchCount = Math.Clamp(BatchBytes / bytesPerResource, 1, MaxBatchCount);
                _idle.Push(done);
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
    }
}
