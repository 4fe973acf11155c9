using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RulesMesh.Server.Sources.Files;
using RulesMesh.Server.Tests.Files;

namespace RulesMesh.Server.Tests.Control;

/// <summary>serve logs a translation warning about an object read from a file where translate prints it: at its field.</summary>
public sealed class TranslationWarningLocationTests
{
    [Fact]
    public async Task A_warning_about_an_object_from_a_watched_file_is_logged_with_its_file_line_and_column()
    {
        using var folder = new TemporaryFolder();
        folder.Write("mesh.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {istio.io/use-waypoint: waypoint}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: waypoint, namespace: shop}
            spec:
              gatewayClassName: kgateway-waypoint
              listeners: [{name: proxy, port: 15088, protocol: istio.io/PROXY}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: catalog, namespace: shop}
            spec: {clusterIP: 10.96.10.11, ports: [{name: http, port: 8080}]}
            """);
        var policy = folder.Write("policy.yaml", """
            apiVersion: gateway.kgateway.dev/v1alpha1
            kind: BackendConfigPolicy
            metadata: {name: p1, namespace: shop}
            spec:
              targetRefs: [{group: "", kind: Service, name: catalog}]
              commonHttpProtocolOptions:
                maxHeadersCount: 0
            """);
        var files = new FileSource([folder.Path], new FileSourceOptions { Debounce = TimeSpan.FromMilliseconds(50) }, NullLogger<FileSource>.Instance);
        await using var harness = new ControlPlaneHarness([files]);

        // "maxHeadersCount: 0" is line 7, indented 4.
        var expected = $"Translation: {policy}:7:5: BackendConfigPolicy shop/p1: spec.commonHttpProtocolOptions.maxHeadersCount 0 is refused by Envoy";
        await ControlPlaneHarness.EventuallyAsync(() => harness.Log.Entries.Any(e => e.Message.StartsWith(expected, StringComparison.Ordinal)), "the located warning to be logged");
        Assert.Equal(LogLevel.Warning, harness.Log.Entries.First(e => e.Message.StartsWith(expected, StringComparison.Ordinal)).Level);
    }
}
