using k8s.Models;
using RulesMesh.Store;

namespace RulesMesh.Tests.Store;

/// <summary>The resource store finds objects by type, name, namespace and labels.</summary>
public sealed class ResourceStoreTests
{
    private static V1Pod Pod(string ns, string name, Dictionary<string, string>? labels = null)
        => new() { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name, Labels = labels } };

    [Fact]
    public void Objects_are_found_by_namespace_and_name_and_listed_per_namespace()
    {
        var store = new ResourceStore([Pod("shop", "a"), Pod("shop", "b"), Pod("infra", "a")]);

        Assert.Equal("infra", store.Get<V1Pod>("infra", "a")!.Metadata.NamespaceProperty);
        Assert.Null(store.Get<V1Pod>("infra", "b"));
        Assert.Equal(["a", "b"], store.InNamespace<V1Pod>("shop").Select(p => p.Metadata.Name));
        Assert.Equal(3, store.All<V1Pod>().Count);
        Assert.Empty(store.All<V1Service>());
    }

    [Fact]
    public void A_selector_matches_objects_carrying_every_pair_in_that_namespace_only()
    {
        var store = new ResourceStore(
        [
            Pod("shop", "both", new() { ["app"] = "web", ["tier"] = "front" }),
            Pod("shop", "app-only", new() { ["app"] = "web" }),
            Pod("infra", "elsewhere", new() { ["app"] = "web", ["tier"] = "front" }),
        ]);

        var selected = store.Select<V1Pod>("shop", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" });

        Assert.Equal("both", Assert.Single(selected).Metadata.Name);
    }

    [Fact]
    public void An_empty_selector_selects_nothing()
    {
        var store = new ResourceStore([Pod("shop", "a", new() { ["app"] = "web" })]);

        Assert.Empty(store.Select<V1Pod>("shop", new Dictionary<string, string>()));
    }

    [Fact]
    public void A_later_object_with_the_same_name_replaces_the_earlier_one_in_every_index()
    {
        var store = new ResourceStore([Pod("shop", "a", new() { ["v"] = "1" }), Pod("shop", "a", new() { ["v"] = "2" })]);

        Assert.Equal("2", store.Get<V1Pod>("shop", "a")!.Metadata.Labels["v"]);
        Assert.Single(store.All<V1Pod>());
        Assert.Empty(store.Select<V1Pod>("shop", new Dictionary<string, string> { ["v"] = "1" }));
    }

    [Fact]
    public void Every_object_of_a_type_is_listed_in_the_order_first_added_across_namespaces()
    {
        var store = new ResourceStore([Pod("shop", "first"), Pod("infra", "second"), Pod("shop", "third"), Pod("edge", "fourth")]);

        Assert.Equal(["first", "second", "third", "fourth"], store.All<V1Pod>().Select(p => p.Metadata.Name));
    }

    [Fact]
    public void Every_object_is_listed_in_the_order_first_added_a_replaced_one_in_its_place_a_deleted_one_gone()
    {
        var service = new V1Service { ApiVersion = "v1", Kind = "Service", Metadata = new V1ObjectMeta { NamespaceProperty = "shop", Name = "web" } };
        var store = new ResourceStore([Pod("shop", "a"), service, Pod("infra", "b"), Pod("shop", "c")]);

        store.Upsert(Pod("shop", "a", new() { ["v"] = "2" }));
        store.Delete(typeof(V1Pod), "infra", "b");

        Assert.Equal(["Pod shop/a", "Service shop/web", "Pod shop/c"], store.Objects.Select(o => $"{o.Kind} {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        Assert.Equal("2", store.Objects.OfType<V1Pod>().First().Metadata.Labels["v"]);
        Assert.Equal(["a", "c"], store.All<V1Pod>().Select(p => p.Metadata.Name));
    }
}
