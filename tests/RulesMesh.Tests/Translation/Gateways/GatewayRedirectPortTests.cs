using Envoy.Config.Route.V3;
using static RulesMesh.Tests.Translation.Gateways.GatewayHarness;

namespace RulesMesh.Tests.Translation.Gateways;

/// <summary>
/// The port of a RequestRedirect on an ordinary Gateway's HTTP listener, from HTTPRoute's <c>requestRedirect.port</c>:
/// "If redirect scheme is not-empty, the redirect port MUST be the well-known port associated with the redirect scheme
/// ... If redirect scheme is empty, the redirect port MUST be the Gateway Listener port", and "Implementations SHOULD
/// NOT add the port number in the 'Location' header" for HTTP on port 80 or HTTPS on port 443.
/// </summary>
public sealed class GatewayRedirectPortTests
{
    private static RedirectAction Redirect(int listenerPort, string requestRedirect)
    {
        var snapshot = Translate(Gateway("gw", Listener("http", listenerPort)) + TwoServices
            + HttpRoute("r", [Parent()], rules: ["{filters: [{type: RequestRedirect, requestRedirect: " + requestRedirect + "}]}"]));
        return VirtualHost(snapshot, "listener~" + listenerPort + "~*", "listener~" + listenerPort).Routes.Single().Redirect;
    }

    [Fact]
    public void Without_scheme_or_port_the_redirect_port_is_the_listeners()
        => Assert.Equal(8080u, Redirect(8080, "{path: {type: ReplaceFullPath, replaceFullPath: /new}}").PortRedirect);

    [Theory]
    [InlineData("https", 443u)]
    [InlineData("http", 80u)]
    public void With_a_scheme_and_no_port_the_redirect_port_is_the_schemes_well_known_port(string scheme, uint port)
        => Assert.Equal(port, Redirect(8080, "{scheme: " + scheme + "}").PortRedirect);

    [Fact]
    public void A_written_port_is_the_redirect_port()
        => Assert.Equal(9443u, Redirect(8080, "{scheme: https, port: 9443}").PortRedirect);

    [Fact]
    public void Https_on_443_to_a_new_hostname_adds_no_port_to_the_location()
    {
        // Envoy writes no port after a host_redirect unless port_redirect is set.
        var redirect = Redirect(8080, "{scheme: https, hostname: secure.example.com}");

        Assert.Equal(0u, redirect.PortRedirect);
        Assert.Equal("https", redirect.SchemeRedirect);
    }

    [Fact]
    public void Http_on_a_port_80_listener_adds_no_port_to_the_location()
        => Assert.Equal(0u, Redirect(80, "{path: {type: ReplaceFullPath, replaceFullPath: /new}}").PortRedirect);
}
