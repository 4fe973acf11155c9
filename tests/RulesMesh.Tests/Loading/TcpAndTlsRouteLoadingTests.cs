using RulesMesh.Loading;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Tests.Loading;

/// <summary>TCPRoute and TLSRoute load into their models and are validated against the standard channel's v1 schema.</summary>
public sealed class TcpAndTlsRouteLoadingTests
{
    private const string TcpRouteText = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: TCPRoute
        metadata: {name: db, namespace: shop}
        spec:
          parentRefs: [{group: "", kind: Service, name: db, port: 5432}]
          rules:
          - backendRefs:
            - {name: db-v1, port: 5432, weight: 3}
            - {name: db-v2, port: 5432}
        """;

    private const string TlsRouteText = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: TLSRoute
        metadata: {name: api, namespace: shop}
        spec:
          parentRefs: [{group: "", kind: Service, name: api}]
          hostnames: [api.shop.svc.cluster.local]
          rules:
          - backendRefs: [{name: api-v2, port: 443}]
        """;

    [Fact]
    public void AValidTcpRouteLoadsIntoItsModel()
    {
        var result = new ManifestLoader().LoadText(TcpRouteText, "tcp.yaml");

        Assert.Empty(result.Diagnostics);
        var route = Assert.Single(result.Objects<TCPRoute>());
        Assert.Equal(5432, Assert.Single(route.Spec.ParentRefs!).Port);
        Assert.Equal(["db-v1", "db-v2"], route.Spec.Rules.Single().BackendRefs.Select(static b => b.Name));
        Assert.Equal(3, route.Spec.Rules.Single().BackendRefs[0].Weight);
    }

    [Fact]
    public void AValidTlsRouteLoadsIntoItsModel()
    {
        var result = new ManifestLoader().LoadText(TlsRouteText, "tls.yaml");

        Assert.Empty(result.Diagnostics);
        var route = Assert.Single(result.Objects<TLSRoute>());
        Assert.Equal(["api.shop.svc.cluster.local"], route.Spec.Hostnames);
        Assert.Equal("api-v2", route.Spec.Rules.Single().BackendRefs.Single().Name);
    }

    [Fact]
    public void ASecondTcpRouteRuleIsAnErrorAtTheRulesAndTheRouteIsLeftOut()
    {
        var text = TcpRouteText + "\n  - backendRefs: [{name: db-v3, port: 5432}]";

        var result = new ManifestLoader().LoadText(text, "tcp.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("tcp.yaml", error.SourceName);
        Assert.Equal("spec.rules", error.FieldPath);
        Assert.Equal(6, error.Position.Line);
        Assert.Contains("TCPRoute db", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Objects<TCPRoute>());
    }

    [Fact]
    public void AServiceBackendWithoutAPortIsAnErrorAtThatBackend()
    {
        var text = TcpRouteText.Replace("{name: db-v2, port: 5432}", "{name: db-v2}", StringComparison.Ordinal);

        var result = new ManifestLoader().LoadText(text, "tcp.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("tcp.yaml", error.SourceName);
        Assert.Equal("spec.rules[0].backendRefs[1]", error.FieldPath);
        Assert.Equal(9, error.Position.Line);
        Assert.Contains("Must have port for Service reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATlsRouteWithoutHostnamesIsAnError()
    {
        var text = TlsRouteText.Replace("  hostnames: [api.shop.svc.cluster.local]\n", string.Empty, StringComparison.Ordinal);

        var result = new ManifestLoader().LoadText(text, "tls.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("tls.yaml", error.SourceName);
        Assert.Contains("hostnames", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Objects<TLSRoute>());
    }

    [Fact]
    public void AnIpAddressAsATlsRouteHostnameIsAnErrorAtTheHostnames()
    {
        var text = TlsRouteText.Replace("hostnames: [api.shop.svc.cluster.local]", "hostnames: [10.0.0.1]", StringComparison.Ordinal);

        var result = new ManifestLoader().LoadText(text, "tls.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("spec.hostnames", error.FieldPath);
        Assert.Equal(6, error.Position.Line);
        Assert.Contains("Hostnames cannot contain an IP", error.Message, StringComparison.Ordinal);
    }
}
