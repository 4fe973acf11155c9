using RulesMesh.Loading;
using RulesMesh.Validation;

namespace RulesMesh.Tests.Validation;

/// <summary>
/// The API server's Service validation (k8s.io/kubernetes pkg/apis/core/validation ValidateService) as a validation
/// rule: a Service it would refuse is left out with an error at its field, after its defaults (protocol TCP, a
/// targetPort of 0 meaning the port).
/// </summary>
public sealed class KubernetesServiceValidationTests
{
    private static LoadResult Validate(string yaml)
        => ObjectValidation.Apply(new ManifestLoader().LoadText(yaml, "svc.yaml"), WaypointPipelines.Create(WaypointPipelines.DefaultProfile));

    private static string Service(string spec) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: shop}
        spec:
        {{spec}}
        """;

    [Theory]
    [InlineData("  ports: [{port: 70000, name: a}]", "spec.ports[0].port")]
    [InlineData("  ports: [{port: 0, name: a}]", "spec.ports[0].port")]
    [InlineData("  ports: [{port: -5}]", "spec.ports[0].port")]
    [InlineData("  ports: [{port: 80, name: http}, {port: 80, name: http2}]", "spec.ports[1]")]
    [InlineData("  ports: [{port: 53, name: a, protocol: UDP}, {port: 53, name: b, protocol: UDP}]", "spec.ports[1]")]
    [InlineData("  ports: [{port: 81, name: http}, {port: 82, name: http}]", "spec.ports[1].name")]
    [InlineData("  ports: [{port: 81, name: http}, {port: 82}]", "spec.ports[1].name")]
    [InlineData("  ports: [{port: 85, name: Bad_Name}]", "spec.ports[0].name")]
    [InlineData("  ports: [{port: 85, name: -web}]", "spec.ports[0].name")]
    [InlineData("  ports: [{port: 86, targetPort: \"not a name\"}]", "spec.ports[0].targetPort")]
    [InlineData("  ports: [{port: 86, targetPort: a--b}]", "spec.ports[0].targetPort")]
    [InlineData("  ports: [{port: 86, targetPort: web-}]", "spec.ports[0].targetPort")]
    [InlineData("  ports: [{port: 86, targetPort: sixteen-chars-xy}]", "spec.ports[0].targetPort")]
    [InlineData("  ports: [{port: 86, targetPort: 70000}]", "spec.ports[0].targetPort")]
    [InlineData("  ports: [{port: 86, targetPort: -1}]", "spec.ports[0].targetPort")]
    [InlineData("  clusterIP: 300.1.1.1\n  ports: [{port: 83, name: http}]", "spec.clusterIP")]
    [InlineData("  clusterIP: 10.0.0.1\n  clusterIPs: [10.0.0.2]\n  ports: [{port: 83}]", "spec.clusterIPs[0]")]
    [InlineData("  clusterIPs: [10.0.0.1, not-an-ip]\n  ports: [{port: 83}]", "spec.clusterIPs[1]")]
    [InlineData("  clusterIPs: [10.0.0.1, 10.0.0.2]\n  ports: [{port: 83}]", "spec.clusterIPs[1]")]
    [InlineData("  clusterIPs: [None, 10.0.0.1]\n  ports: [{port: 83}]", "spec.clusterIPs[0]")]
    public void A_Service_the_API_server_refuses_is_left_out_with_an_error_at_its_field(string spec, string field)
    {
        var result = Validate(Service(spec));

        Assert.Empty(result.Resources);
        Assert.Equal(field, Assert.Single(result.Diagnostics).FieldPath);
    }

    [Theory]
    [InlineData("  ports: [{port: 80}]")]
    [InlineData("  ports: [{port: 84, name: http, targetPort: 0}]")]
    [InlineData("  ports: [{port: 84, name: http, targetPort: http-web}, {port: 85, name: grpc, targetPort: 65535}]")]
    [InlineData("  ports: [{port: 53, name: dns, protocol: UDP}, {port: 53, name: dns-tcp, protocol: TCP}]")]
    [InlineData("  clusterIP: None\n  ports: [{port: 80}]")]
    [InlineData("  clusterIP: \"\"\n  ports: [{port: 80}]")]
    [InlineData("  clusterIP: 10.0.0.1\n  clusterIPs: [10.0.0.1, \"fd00::1\"]\n  ports: [{port: 80}]")]
    public void A_Service_the_API_server_accepts_is_kept(string spec)
    {
        var result = Validate(Service(spec));

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Resources);
    }

    [Fact]
    public void The_error_names_the_file_line_column_and_field_in_words()
    {
        var result = Validate(Service("  clusterIP: 10.96.0.1\n  ports:\n  - {port: 81, name: a}\n  - {port: 70000, name: b}"));

        Assert.Equal(
            "svc.yaml:8:6: error: Service s is refused: spec.ports[1].port is 70000; a port number must be between 1 and 65535. (at spec.ports[1].port)",
            Assert.Single(result.Diagnostics).ToString());
    }
}
