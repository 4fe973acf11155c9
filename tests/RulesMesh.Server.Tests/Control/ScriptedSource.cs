using k8s;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Server.Sources;

namespace RulesMesh.Server.Tests.Control;

/// <summary>A source the test drives: submits its initial objects at start (and marks itself synced unless told not to), then whatever the test hands it.</summary>
internal sealed class ScriptedSource(string name, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> initial, bool syncAtStart = true) : IConfigurationSource
{
    private readonly TaskCompletionSource<IChangeSink> _sink = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    public async Task RunAsync(IChangeSink sink, CancellationToken cancellationToken)
    {
        sink.Submit(this, [.. initial.Select(static o => new ResourceChange.Upsert(o))]);
        if (syncAtStart)
        {
            sink.MarkSynced(this);
        }

        _sink.TrySetResult(sink);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>The sink, once the control plane has started this source.</summary>
    public Task<IChangeSink> Sink => _sink.Task;

    public async Task SubmitAsync(params IReadOnlyList<ResourceChange> changes) => (await Sink).Submit(this, changes);

    public async Task UpsertAsync(params IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects) => await SubmitAsync([.. objects.Select(static o => new ResourceChange.Upsert(o))]);
}
