using RulesMesh.Mesh;
using static RulesMesh.Tests.ServiceModel.ServiceModelHarness;

namespace RulesMesh.Tests.ServiceModel;

/// <summary>kgateway's <c>FromServiceEntry</c> and <c>getAliases</c> (docs/spec/kgateway-waypoint.md §2.3, §4).</summary>
public sealed class ServiceEntryModelTests
{
    private static readonly ObjectKey SelfKey = new("networking.istio.io", "ServiceEntry", "shop", "api");

    [Fact]
    public void AddressesAreSpecAddressesThenTheAutoAllocatedStatusAddresses()
    {
        // status.addresses is not in the CRD schema: it reaches the model as extension data.
        var service = Model(Entry(addresses: "[240.240.0.1]", status: """
            status:
              addresses:
              - value: 240.240.0.9
                host: a.example.com
              - host: b.example.com
            """));

        Assert.Equal(["240.240.0.1", "240.240.0.9"], service.Addresses);
    }

    [Fact]
    public void HostnamesAreTheHostsInOrder()
    {
        var service = Model(Entry());

        Assert.Equal(["a.example.com", "b.example.com"], service.Hostnames);
    }

    [Fact]
    public void APortsProtocolIsItsProtocolNeverItsName()
    {
        var service = Model(Entry(ports: """
            - name: http-web
              number: 443
              protocol: TLS
              targetPort: 8443
            - name: http
              number: 80
            """));

        Assert.Equal([new ServicePort("http-web", 443, 8443, "TLS"), new ServicePort("http", 80, 0, "")], service.Ports);
        Assert.All(service.Ports, static port => Assert.False(port.IsHttp));
    }

    [Fact]
    public void EachHostIsAHostnameAliasWithoutANamespaceAndTheEntryItselfIsTheLastKey()
    {
        var service = Model(Entry());

        Assert.Equal(
            [new ObjectKey("networking.istio.io", "Hostname", "", "a.example.com"), new ObjectKey("networking.istio.io", "Hostname", "", "b.example.com"), SelfKey],
            service.Keys);
    }

    [Theory]
    [InlineData("resolution: NONE", "ports: [{name: http, number: 80}]")]
    [InlineData("", "ports: [{name: http, number: 80}]")]
    [InlineData("resolution: DNS", "")]
    public void AnEntryWithoutABackendHasNoAliases(string resolution, string ports)
    {
        // kgateway takes the aliases from the entry's backend, and NONE resolution or no ports builds none.
        var service = Model($"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: api
              namespace: shop
            spec:
              hosts: [a.example.com]
              {resolution}
              {ports}
            """);

        Assert.Empty(service.Aliases);
        Assert.Equal([SelfKey], service.Keys);
    }

    [Theory]
    [InlineData("networking.istio.io/v1beta1")]
    [InlineData("networking.istio.io/v1alpha3")]
    public void OlderVersionsAreLoadedAsV1AndModelledExactlyLikeIt(string apiVersion)
    {
        var v1 = Model(Entry(addresses: "[240.240.0.1]"));
        var older = Model(Entry(addresses: "[240.240.0.1]").Replace("networking.istio.io/v1", apiVersion, StringComparison.Ordinal));

        Assert.Equal(v1.Key, older.Key);
        Assert.Equal(v1.Labels, older.Labels);
        Assert.Equal(v1.Aliases, older.Aliases);
        Assert.Equal(v1.Addresses, older.Addresses);
        Assert.Equal(v1.Ports, older.Ports);
        Assert.Equal(v1.Hostnames, older.Hostnames);
        Assert.Equal("networking.istio.io/v1", older.Source.ApiVersion);
        Assert.IsType<RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry>(older.Source);
    }

    private static string Entry(string addresses = "[]", string ports = "- {name: http, number: 80, protocol: HTTP}", string status = "") => $"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: api
          namespace: shop
          labels:
            app: api
        spec:
          hosts: [a.example.com, b.example.com]
          addresses: {addresses}
          ports:
        {Indent(ports)}
          resolution: DNS
        {status}
        """;

    private static string Indent(string block) => string.Join("\n", block.Split('\n').Select(static line => "  " + line));
}
