using RulesMesh.Loading;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Tests.Loading;

/// <summary>Custom resources are checked against their CRD schema; a broken one is reported at its field and the rest still load.</summary>
public sealed class SchemaValidationTests
{
    private const string Valid = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: good, namespace: shop}
        spec:
          hosts: [api.example.com]
          ports: [{number: 443, name: https, protocol: TLS}]
          resolution: DNS
        """;

    [Fact]
    public void A_value_outside_an_enum_is_an_error_at_its_line_and_field_and_other_documents_still_load()
    {
        var text = Valid + """

            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: bad, namespace: shop}
            spec:
              hosts: [db.example.com]
              resolution: SOMETIMES
            """;

        var result = new ManifestLoader().LoadText(text, "mesh.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("spec.resolution", error.FieldPath);
        Assert.Equal(14, error.Position.Line);
        Assert.Contains("ServiceEntry bad", error.Message);
        Assert.Equal("good", Assert.Single(result.Objects<ServiceEntry>()).Metadata.Name);
    }

    [Fact]
    public void An_object_whose_status_alone_breaks_the_schema_is_read_without_its_status_with_a_warning_at_the_field()
    {
        var text = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r, namespace: shop}
            spec:
              parentRefs: [{group: "", kind: Service, name: reviews}]
            status:
              parents:
              - parentRef: {name: reviews}
                conditions: []
            """;

        var result = new ManifestLoader().LoadText(text, "route.yaml");

        var route = Assert.Single(result.Objects<RulesMesh.Models.GatewayNetworkingK8sIo.V1.HTTPRoute>());
        Assert.Null(route.Status);
        Assert.Equal("reviews", route.Spec!.ParentRefs![0].Name);
        Assert.All(result.Diagnostics, static d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(["status.parents[0].controllerName", "status.parents[0].conditions"], result.Diagnostics.Select(static d => d.FieldPath));
        var warning = result.Diagnostics[0];
        Assert.Equal(8, warning.Position.Line);
        Assert.StartsWith("HTTPRoute r: its status is not valid (status.parents[0].controllerName ", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("; the object is read without its status, as the API server ignores the status sent with a new object.", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_core_object_whose_status_holds_a_wrong_type_is_read_without_its_status()
    {
        var text = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: shop}
            spec: {clusterIP: 10.0.0.1, ports: [{port: 80}]}
            status: {loadBalancer: {ingress: [{ip: 5}]}}
            """;

        var result = new ManifestLoader().LoadText(text, "svc.yaml");

        var service = Assert.Single(result.Objects<k8s.Models.V1Service>());
        Assert.Equal("10.0.0.1", service.Spec.ClusterIP);
        Assert.Null(service.Status);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.StartsWith("status.loadBalancer.ingress[0].ip", warning.FieldPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_core_object_whose_spec_is_also_of_the_wrong_type_is_an_error_at_the_spec()
    {
        var text = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: shop}
            status: {loadBalancer: 5}
            spec: {clusterIP: 10.0.0.1, ports: "x"}
            """;

        var result = new ManifestLoader().LoadText(text, "svc.yaml");

        Assert.Empty(result.Objects<k8s.Models.V1Service>());
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, "spec.ports"), (error.Severity, error.FieldPath));
    }

    [Fact]
    public void A_quantity_that_is_not_one_is_an_error_in_words_at_its_field()
    {
        var text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: shop}
            spec:
              containers:
              - name: c
                image: i
                resources:
                  limits:
                    cpu: abc
            """;

        var result = new ManifestLoader().LoadText(text, "pod.yaml");

        Assert.Empty(result.Objects<k8s.Models.V1Pod>());
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("spec.containers[0].resources.limits.cpu", 10), (error.FieldPath, error.Position.Line));
        Assert.Equal("Not a valid Pod: 'abc' is not a Kubernetes quantity (a number with an optional suffix, such as 500m, 2 or 1Gi).", error.Message);
    }

    [Fact]
    public void A_broken_spec_is_still_an_error_when_the_status_is_broken_too()
    {
        var text = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: bad, namespace: shop}
            spec: {hosts: [db.example.com], resolution: SOMETIMES}
            status: {addresses: [{value: 5}]}
            """;

        var result = new ManifestLoader().LoadText(text, "se.yaml");

        Assert.Empty(result.Objects<ServiceEntry>());
        Assert.Contains(result.Diagnostics, static d => d.Severity == DiagnosticSeverity.Error && d.FieldPath == "spec.resolution");
    }

    [Fact]
    public void A_field_the_schema_does_not_declare_is_an_error()
    {
        var result = new ManifestLoader().LoadText(Valid.Replace("resolution: DNS", "resolution: DNS\n  resolutoin: STATIC"), "typo.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("spec.resolutoin", error.FieldPath);
        Assert.Contains("not a field", error.Message);
        Assert.Empty(result.Resources);
    }

    [Fact]
    public void A_port_number_of_the_wrong_type_is_an_error_at_that_port()
    {
        var result = new ManifestLoader().LoadText(Valid.Replace("number: 443", "number: https"), "port.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("spec.ports[0].number", error.FieldPath);
        Assert.Equal(6, error.Position.Line);
    }

    [Fact]
    public void A_missing_required_field_is_an_error()
    {
        var result = new ManifestLoader().LoadText(Valid.Replace("  hosts: [api.example.com]\n", string.Empty), "hosts.yaml");

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("hosts") && d.Message.Contains("required"));
    }

    [Fact]
    public void A_missing_required_field_is_a_schema_error_at_its_line_before_the_required_model_property_is_read()
    {
        var result = new ManifestLoader().LoadText(Valid.Replace("  ports: [{number: 443, name: https, protocol: TLS}]", "  ports: [{number: 443, protocol: TLS}]"), "ports.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(6, error.Position.Line);
        Assert.Contains("breaks its schema", error.Message);
        Assert.Empty(result.Resources);
    }

    [Fact]
    public void Without_validation_a_missing_required_field_is_an_error_rather_than_an_exception()
    {
        var result = new ManifestLoader(validateSchemas: false).LoadText(Valid.Replace("  hosts: [api.example.com]\n", string.Empty), "hosts.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("Not a valid ServiceEntry", error.Message);
        Assert.Empty(result.Resources);
    }

    [Fact]
    public void Validation_can_be_turned_off()
    {
        var result = new ManifestLoader(validateSchemas: false).LoadText(Valid.Replace("resolution: DNS", "resolution: SOMETIMES"), "off.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("SOMETIMES", Assert.Single(result.Objects<ServiceEntry>()).Spec.Resolution!.Value.Value);
    }
}
