using System.Text.Json.Nodes;
using RulesMesh.Engine;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>
/// Secrets are listed and watched without Helm's release records and service-account tokens (a <c>fieldSelector</c> on
/// their type, as istiod's secret watch has), against the API server double (the one stand-in: no kube-apiserver can be
/// installed here), which applies field selectors as kube-apiserver does.
/// </summary>
public sealed class SecretSelectionTests
{
    [Fact]
    public async Task HelmReleasesAndServiceAccountTokensAreNeitherListedNorWatched()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(Secret("tls-listed", "kubernetes.io/tls"));
        api.Put(Secret("sh.helm.release.v1.shop.v1", "helm.sh/release.v1"));
        api.Put(Secret("builder-token", "kubernetes.io/service-account-token"));
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();

        api.Put(Secret("sh.helm.release.v1.shop.v2", "helm.sh/release.v1"));
        api.Put(Secret("opaque-watched", "Opaque"));
        await KubernetesApiDouble.WaitUntilAsync(() => SecretsSubmitted(running).Contains("opaque-watched"), "the Opaque Secret's ADDED");

        Assert.Equal(["opaque-watched", "tls-listed"], SecretsSubmitted(running).Order(StringComparer.Ordinal));
    }

    private static List<string> SecretsSubmitted(RunningSource running)
        => [.. running.Sink.Changes.OfType<ResourceChange.Upsert>().Where(static u => u.Object.Kind == "Secret").Select(static u => u.Object.Metadata.Name)];

    private static JsonObject Secret(string name, string type)
        => JsonNode.Parse($$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"{{{name}}}","namespace":"shop"},"type":"{{{type}}}","data":{"k":"dmFsdWU="}}""")!.AsObject();
}
