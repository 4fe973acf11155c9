using RulesMesh.Mesh;
using RulesMesh.Naming;

namespace RulesMesh.Tests.Naming;

/// <summary>A cluster name format fills its known placeholders and keeps everything else as written.</summary>
public sealed class ClusterNameFormatTests
{
    private static readonly BackendTarget Target = new(new ObjectKey("networking.istio.io", "ServiceEntry", "shop", "api"), 8443, "api.example.com");

    [Theory]
    [InlineData("kube_{namespace}_{name}_{port}", "kube_shop_api_8443")]
    [InlineData("outbound|{port}||{host}", "outbound|8443||api.example.com")]
    [InlineData("{group}/{kind}", "networking.istio.io/ServiceEntry")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void PlaceholdersAreFilled(string format, string expected)
        => Assert.Equal(expected, ClusterNameFormat.Apply(format, Target));

    [Theory]
    [InlineData("c_{other}_{name}", "c_{other}_api")]
    [InlineData("c_{name", "c_{name")]
    [InlineData("c_{{name}", "c_{{name}")]
    [InlineData("c_{}_{port}}", "c_{}_8443}")]
    [InlineData("c_}{name}", "c_}api")]
    public void UnknownOrUnclosedPlaceholdersStayAsWritten(string format, string expected)
        => Assert.Equal(expected, ClusterNameFormat.Apply(format, Target));

    [Fact]
    public void ANameLongerThanTheStackBufferIsWhole()
    {
        var host = new string('h', 300);
        Assert.Equal("x_" + host + "_8443", ClusterNameFormat.Apply("x_{host}_{port}", Target with { Host = host }));
    }
}
