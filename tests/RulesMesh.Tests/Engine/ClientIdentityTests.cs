using RulesMesh.Engine;
using RulesMesh.Rules;

namespace RulesMesh.Tests.Engine;

/// <summary>ClientIdentity: the client part of the settings, compared by value; applying it gives settings that name the same client.</summary>
public sealed class ClientIdentityTests
{
    [Fact]
    public void Identities_with_equal_values_are_equal_whatever_order_or_dictionary_their_labels_came_in()
    {
        var first = ClientIdentity.Of(new EngineSettings
        {
            ClientNamespace = "shop",
            ClientLocality = "r1/r1z2/",
            ClientLabels = new Dictionary<string, string> { ["app"] = "gw", ["topology.istio.io/network"] = "n1" },
        });
        var second = ClientIdentity.Of(new EngineSettings
        {
            ClientNamespace = "shop",
            ClientLocality = "r1/r1z2/",
            ClientLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["topology.istio.io/network"] = "n1", ["app"] = "gw" },
        });

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal("shop r1/r1z2/ {app=gw, topology.istio.io/network=n1}", first.ToString());
    }

    [Theory]
    [InlineData("other", "r1/r1z2/", "n1")]
    [InlineData("shop", "r1/r1z3/", "n1")]
    [InlineData("shop", "r1/r1z2/", "n2")]
    [InlineData(null, "r1/r1z2/", "n1")]
    [InlineData("shop", null, "n1")]
    public void Identities_differing_in_namespace_locality_or_a_label_value_differ(string? ns, string? locality, string network)
    {
        var shop = ClientIdentity.Of(new EngineSettings { ClientNamespace = "shop", ClientLocality = "r1/r1z2/", ClientLabels = new Dictionary<string, string> { ["topology.istio.io/network"] = "n1" } });

        Assert.NotEqual(shop, ClientIdentity.Of(new EngineSettings { ClientNamespace = ns, ClientLocality = locality, ClientLabels = new Dictionary<string, string> { ["topology.istio.io/network"] = network } }));
    }

    [Fact]
    public void Applying_an_identity_replaces_only_the_client_settings()
    {
        var identity = ClientIdentity.Of(new EngineSettings { ClientNamespace = "shop", ClientLocality = "r1/r1z2/", ClientLabels = new Dictionary<string, string> { ["app"] = "gw" } });
        var settings = new EngineSettings { ClusterDomain = "corp.local", ClientNamespace = "elsewhere", ClientLabels = new Dictionary<string, string> { ["x"] = "y" } };

        var applied = identity.ApplyTo(settings);

        Assert.Equal("corp.local", applied.ClusterDomain);
        Assert.Equal("shop", applied.ClientNamespace);
        Assert.Equal("r1/r1z2/", applied.ClientLocality);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "gw" }, applied.ClientLabels);
        Assert.Null(ClientIdentity.Of(new EngineSettings()).ApplyTo(settings).ClientLabels);
    }
}
