using RulesMesh.Loading;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Tests.Loading;

/// <summary>
/// <see cref="ManifestLoader.IgnoreUnknownFields"/>: an object an API server accepted under a newer or experimental-channel
/// CRD (an HTTPRoute rule with <c>sessionPersistence</c>, which the standard channel's schema lacks) is read without the
/// field, with a warning at it; every other schema check still holds. Files keep kubectl's strict refusal.
/// </summary>
public sealed class IgnoredUnknownFieldTests
{
    private const string ExperimentalRoute = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: catalog
          namespace: shop
        spec:
          parentRefs:
          - group: ""
            kind: Service
            name: catalog
          rules:
          - sessionPersistence:
              sessionName: catalog-session
              type: Cookie
            backendRefs:
            - name: catalog
              port: 8080
        """;

    [Fact]
    public void A_file_with_a_field_the_schema_lacks_is_refused_at_the_field()
    {
        var result = new ManifestLoader().LoadText(ExperimentalRoute, "route.yaml");

        Assert.Empty(result.Resources);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("spec.rules[0].sessionPersistence", error.FieldPath);
    }

    [Fact]
    public void Ignoring_unknown_fields_reads_the_route_without_the_field_and_warns_at_it()
    {
        var result = new ManifestLoader { IgnoreUnknownFields = true }.LoadText(ExperimentalRoute, "route.yaml");

        var route = Assert.IsType<HTTPRoute>(Assert.Single(result.Resources).Object);
        Assert.Equal("catalog", Assert.Single(Assert.Single(route.Spec!.Rules!).BackendRefs!).Name);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "route.yaml:12:5: warning: HTTPRoute catalog has a field spec.rules[0].sessionPersistence that the schema RulesMesh was built with does not declare; it is ignored. (at spec.rules[0].sessionPersistence)",
            warning.ToString());
    }

    [Fact]
    public void Ignoring_unknown_fields_still_refuses_a_value_the_schema_forbids()
    {
        var invalid = ExperimentalRoute.Replace("port: 8080", "port: 70000", StringComparison.Ordinal);

        var result = new ManifestLoader { IgnoreUnknownFields = true }.LoadText(invalid, "route.yaml");

        Assert.Empty(result.Resources);
        var error = Assert.Single(result.Diagnostics, static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("spec.rules[0].backendRefs[0].port", error.FieldPath);
    }
}
