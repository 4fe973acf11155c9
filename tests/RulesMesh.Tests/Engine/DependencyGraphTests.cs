using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Loading;
using RulesMesh.Rules;
using RulesMesh.Store;

namespace RulesMesh.Tests.Engine;

/// <summary>The dependency graph on its own, with items of the tests' making.</summary>
public sealed class DependencyGraphTests
{
    private static readonly StoreRead Services = StoreRead.Kind(typeof(V1Service));
    private static readonly StoreRead Pods = StoreRead.Kind(typeof(V1Pod));

    [Fact]
    public void An_item_still_hears_of_a_read_whose_last_other_reader_stopped_reading_it_during_its_computation()
    {
        var engine = new IncrementalTranslation(WaypointPipelines.Create(), new EngineSettings(), ModelRegistry.Default, scope: null, watchesStore: true);
        var graph = engine.Graph;
        var outerReadsServices = false;
        var innerReadsServices = true;
        var outerComputations = 0;

        // The inner item reads Services at first; the outer one reads Pods and the inner item.
        var inner = new TestItem("inner", frame =>
        {
            if (innerReadsServices)
            {
                frame.Read(Services);
            }

            return 1;
        });
        var outer = new TestItem("outer", frame =>
        {
            outerComputations++;
            frame.Read(Pods);
            if (outerReadsServices)
            {
                frame.Read(Services);
            }

            return frame.Get(inner);
        });
        graph.AddRoot(outer);
        graph.Settle();

        // Both dirty, the outer first: it reads Services, then recomputes the inner item, which stops reading them and
        // so leaves the outer one their only reader.
        outerReadsServices = true;
        innerReadsServices = false;
        graph.Changed(Pods);
        graph.Changed(Services);
        graph.Settle();
        Assert.Equal(2, outerComputations);

        graph.Changed(Services);
        graph.Settle();
        Assert.Equal(3, outerComputations);
    }

    private sealed class TestItem(string key, Func<ItemFrame, object?> compute) : KeyedItem<string>(key, ItemOrder.Indexes)
    {
        public override ItemOrder Order => ItemOrder.Of(Stage);

        public override object? Compute(ItemFrame frame) => compute(frame);
    }
}
