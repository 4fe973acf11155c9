using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RulesMesh.Engine;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>
/// An object the API server accepted under the cluster's CRD, which may declare fields RulesMesh's schema lacks (the
/// experimental channel's HTTPRoute <c>sessionPersistence</c>), reaches the engine without those fields instead of being
/// refused whole.
/// </summary>
public sealed class NewerSchemaFieldTests
{
    [Fact]
    public async Task A_route_with_an_experimental_channel_field_is_submitted_without_it()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(JsonNode.Parse("""
            {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"catalog","namespace":"shop"},
             "spec":{"parentRefs":[{"group":"","kind":"Service","name":"catalog"}],
                     "rules":[{"sessionPersistence":{"sessionName":"catalog-session","type":"Cookie"},"backendRefs":[{"name":"catalog","port":8080}]}]}}
            """)!.AsObject());
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();

        var route = Assert.Single(running.Sink.Changes.OfType<ResourceChange.Upsert>(), static upsert => upsert.Object.Kind == "HTTPRoute");
        Assert.Equal("catalog", route.Object.Metadata.Name);
        Assert.Empty(running.Sink.Problems);
        Assert.Contains(
            (LogLevel.Warning, "HTTPRoute shop/catalog is read, with warnings: HTTPRoute catalog has a field spec.rules[0].sessionPersistence that the schema RulesMesh was built with does not declare; it is ignored. (at spec.rules[0].sessionPersistence)"),
            running.Log.Entries);
    }
}
