using RulesMesh.Loading;
using RulesMesh.Validation;

namespace RulesMesh.Tests.Validation;

/// <summary>
/// The API server's EndpointSlice validation (k8s.io/kubernetes pkg/apis/discovery/validation): every endpoint has an
/// address, and every address is of the slice's addressType.
/// </summary>
public sealed class KubernetesEndpointSliceValidationTests
{
    private static LoadResult Validate(string addressType, string addresses)
        => ObjectValidation.Apply(
            new ManifestLoader().LoadText($$"""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: catalog-abc
                  namespace: shop
                  labels: {kubernetes.io/service-name: catalog}
                addressType: {{addressType}}
                ports: [{name: http, port: 8080, protocol: TCP}]
                endpoints:
                - addresses: ["10.244.1.5"]
                - addresses: {{addresses}}
                """, "slice.yaml"),
            WaypointPipelines.Create(WaypointPipelines.DefaultProfile));

    [Theory]
    [InlineData("IPv4", "[\"fd00::5\"]", "endpoints[1].addresses[0]")]
    [InlineData("IPv4", "[\"10.244.1.6\", \"010.244.1.7\"]", "endpoints[1].addresses[1]")]
    [InlineData("IPv4", "[\"10.244.1\"]", "endpoints[1].addresses[0]")]
    [InlineData("IPv4", "[]", "endpoints[1].addresses")]
    public void An_address_not_of_the_slice_address_type_is_refused_at_its_field(string addressType, string addresses, string field)
    {
        var result = Validate(addressType, addresses);

        Assert.Empty(result.Resources);
        Assert.Equal(field, Assert.Single(result.Diagnostics).FieldPath);
    }

    [Fact]
    public void An_IPv4_address_in_an_IPv6_slice_is_refused()
        => Assert.Equal("endpoints[0].addresses[0]", Assert.Single(Validate("IPv6", "[\"fd00::5\"]").Diagnostics).FieldPath);

    [Theory]
    [InlineData("IPv4", "[\"10.244.1.6\", \"10.244.1.5\"]")]
    [InlineData("FQDN", "[\"db.example.com\"]")]
    public void Addresses_of_the_slice_address_type_are_kept(string addressType, string addresses)
    {
        var result = Validate(addressType, addresses);

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Resources);
    }
}
