using Google.Protobuf;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Formats a list of resources on worker threads, in batches of consecutive resources (<see cref="IResourceBatch"/>),
/// while the calling thread copies finished batches into the document in order, and formats batches of its own
/// whenever the next one to copy is not finished yet.
/// </summary>
/// <remarks>
/// Formatting is most of the writing, so it is what runs in parallel. At most a few batches of about
/// <see cref="BatchBytes"/> each are in flight (twice as many while the calling thread formats too), so memory does not
/// grow with the document.
/// </remarks>
/// <param name="create">A new batch, whose message writer keeps what it learns of each type in the layouts given, which all the batches share.</param>
internal sealed class ResourceBatches<TBatch>(Func<ProtoMessageLayouts, TBatch> create)
    where TBatch : IResourceBatch
{
    // What a batch aims at, sized from the resources already written: large enough that handing a batch to a worker
    // costs little next to formatting it, small enough that the batches in flight hold little memory.
    private const int BatchBytes = 128 * 1024;
    private const int MaxBatchCount = 256;

    private readonly int _batchesInFlight = 2 * Environment.ProcessorCount;
    private readonly Stack<TBatch> _idle = [];
    private readonly ProtoMessageLayouts _layouts = EnvoyJson.CreateLayouts();

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
                var workerFree = inFlight.Count < _batchesInFlight;

                // While the next batch to copy is not ready, this thread formats one too rather than wait idle.
                var formatHere = !workerFree && !inFlight.Peek().Written.IsCompleted && inFlight.Count < 2 * _batchesInFlight;
                if (next < messages.Count && (workerFree || formatHere))
                {
                    var batch = _idle.Count > 0 ? _idle.Pop() : create(_layouts);
                    var start = next;
                    var count = Math.Min(batchCount, messages.Count - next);
                    next += count;
                    if (workerFree)
                    {
                        inFlight.Enqueue((batch, Task.Run(() => batch.Write(messages, start, count))));
                    }
                    else
                    {
                        inFlight.Enqueue((batch, WriteHere(batch, messages, start, count)));
                    }

                    continue;
                }

                var (head, headWritten) = inFlight.Dequeue();
                headWritten.GetAwaiter().GetResult();
                copy(head);

                // Sized by the largest resources met so far, not the mean, so a run of large ones after many small
                // ones cannot put hundreds of them in each batch in flight.
                bytesPerResource = Math.Max(bytesPerResource, head.Written.Length / Math.Max(head.Count, 1));
                batchCount = Math.Clamp(BatchBytes / bytesPerResource, 1, MaxBatchCount);
                _idle.Push(head);
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

    // A failure is kept in its place in the queue, so the first failing resource in document order is the one reported,
    // whichever thread formatted it.
    private static Task WriteHere<T>(TBatch batch, IReadOnlyList<T> messages, int start, int count)
        where T : IMessage
    {
        try
        {
            batch.Write(messages, start, count);
            return Task.CompletedTask;
        }
#pragma warning disable CA1031 // Not swallowed: rethrown when this batch's turn to be copied comes.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Task.FromException(exception);
        }
    }
}
