using RulesMesh.Translation.Backends;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>Istio's <c>region/zone/subzone</c> locality text: missing parts are empty, the subzone keeps any further slashes.</summary>
public sealed class EndpointLocalityTests
{
    [Theory]
    [InlineData("r1", "r1", "", "")]
    [InlineData("r1/z1", "r1", "z1", "")]
    [InlineData("r1/z1/s1", "r1", "z1", "s1")]
    [InlineData("r1/z1/s1/x/y", "r1", "z1", "s1/x/y")]
    [InlineData("r1/", "r1", "", "")]
    [InlineData("/z1", "", "z1", "")]
    [InlineData("r1//s1", "r1", "", "s1")]
    [InlineData("//", "", "", "")]
    public void ParseSplitsAtTheFirstTwoSlashes(string text, string region, string zone, string subzone)
        => Assert.Equal(new EndpointLocality(region, zone, subzone), EndpointLocality.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void NoTextIsNoLocality(string? text)
        => Assert.True(EndpointLocality.Parse(text).IsNone);
}
