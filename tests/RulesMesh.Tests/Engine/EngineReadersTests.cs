using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Synthetic;

namespace RulesMesh.Tests.Engine;

/// <summary>One writer applies batches while readers take <see cref="TranslationEngine.Current"/> without locks (issue 11, item 5).</summary>
public sealed class EngineReadersTests
{
    [Fact]
    public void Readers_see_only_whole_published_states_in_revision_order_while_the_writer_applies_batches()
    {
        var objects = SyntheticMesh.Build(new SyntheticMeshOptions { Services = 20, ServiceEntries = 10, Workloads = 120, Waypoints = 3 });
        var engine = new TranslationEngine(WaypointPipelines.Create());
        var published = new ConcurrentDictionary<EngineState, bool>(ReferenceEqualityComparer.Instance);
        published[engine.Current] = true;
        published[engine.Apply(objects.Select(static o => new ResourceChange.Upsert(o))).State] = true;
        var pods = engine.Objects.OfType<V1Pod>().Take(10).ToList();

        using var stop = new CancellationTokenSource();
        using var reading = new CountdownEvent(2);
        var readers = Enumerable.Range(0, 2).Select(reader => Task.Factory.StartNew(() =>
        {
            var seen = new List<EngineState>();
            var last = -1L;
            var signalled = false;
            while (!stop.IsCancellationRequested)
            {
                var state = engine.Current;
                Assert.True(state.Revision >= last, $"revision went back from {last} to {state.Revision}");
                last = state.Revision;
                seen.Add(state);

                // A whole state: every proxy's view and the batch document can be read from it.
                _ = state.ToSnapshot();
                if (!signalled)
                {
                    signalled = true;
                    reading.Signal();
                }
            }

            return seen;
        }, TaskCreationOptions.LongRunning)).ToList();

        // The writer starts once both readers are reading (on a busy machine they could otherwise start after it ends).
        Assert.True(reading.Wait(TimeSpan.FromMinutes(1)), "the readers did not start");

        for (var step = 0; step < 40; step++)
        {
            var pod = KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(pods[step % pods.Count]));
            pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = step % 2 == 0 ? "False" : "True" }];
            published[engine.Apply([new ResourceChange.Upsert(pod)]).State] = true;
        }

        stop.Cancel();
        var observed = readers.SelectMany(static r => r.Result).ToList();

        Assert.NotEmpty(observed);
        Assert.All(observed, state => Assert.True(published.ContainsKey(state), $"revision {state.Revision} was never published"));
        Assert.Equal(42, published.Keys.Select(static s => s.Revision).Distinct().Count());
    }
}
